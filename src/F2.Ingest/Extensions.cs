using F2.Ingest;
using F2.Integrations.Kafka;
using F2.Integrations.Mqtt;
using F2.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers F2.Ingest: MQTT (<c>ConnectionStrings:mqtt</c>) to Kafka (<c>ConnectionStrings:kafka</c>).</summary>
public static class IngestExtensions
{
    public static TBuilder AddIngest<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<IngestOptions>()
            .BindConfiguration(IngestOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(options => MqttConnectionString.TryParse(builder.Configuration.GetConnectionString("mqtt"), out _, out _),
                "ConnectionStrings:mqtt must be mqtt://user:password@host:port (or mqtts://).")
            .ValidateOnStart();
        builder.Services.Configure<HostOptions>(host => host.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost);
        builder.AddKafkaClients([KafkaTopics.Raw, KafkaTopics.DeadLetter]);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IngestWindow>();
        builder.Services.AddSingleton<IngestStatus>();
        builder.Services.AddSingleton<IngestMetrics>();
        builder.Services.AddSingleton(services =>
        {
            // Reading the options first makes a bad connection string fail as a validation error, not a parse error.
            string clientId = services.GetRequiredService<IOptions<IngestOptions>>().Value.ClientId;
            return MqttClientOptionsFactory.CreateBuilder(MqttConnectionString.Parse(builder.Configuration.GetConnectionString("mqtt")), clientId);
        });
        builder.Services.AddSingleton<MqttConnection>();
        builder.Services.AddSingleton<MessageIntake>();
        builder.Services.AddSingleton<KafkaForwarder>();
        builder.Services.AddSingleton(services => services.GetRequiredService<KafkaClientFactory>()
            .CreateProducerBuilder<string?, byte[]>(
                services.GetRequiredService<IOptions<IngestOptions>>().Value.ClientId,
                config => config.MessageMaxBytes = IngestOptions.KafkaRecordLimit)
            .Build());
        builder.Services.AddHostedService<IngestWorker>();
        builder.Services.AddHealthChecks().AddCheck<IngestHealthCheck>("ingest");
        return builder;
    }
}
