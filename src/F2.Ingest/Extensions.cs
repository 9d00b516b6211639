using Confluent.Kafka;
using F2.Ingest;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers F2.Ingest: MQTT (<c>ConnectionStrings:mqtt</c>) to Kafka (<c>ConnectionStrings:kafka</c>).</summary>
public static class IngestExtensions
{
    public static TBuilder AddIngest<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<IngestOptions>()
            .BindConfiguration(IngestOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(_ => !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("mqtt")), "ConnectionStrings:mqtt is not set.")
            .Validate(_ => !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("kafka")), "ConnectionStrings:kafka is not set.")
            .ValidateOnStart();
        builder.Services.Configure<HostOptions>(host => host.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IngestStatus>();
        builder.Services.AddSingleton<IngestMetrics>();
        builder.Services.AddSingleton(_ => IngestConnections.MqttOptions(builder.Configuration.GetConnectionString("mqtt")!));
        builder.Services.AddSingleton<MqttConnection>();
        builder.Services.AddSingleton<MessageIntake>();
        builder.Services.AddSingleton<KafkaForwarder>();
        builder.Services.AddSingleton(services => IngestConnections.Producer(
            builder.Configuration.GetConnectionString("kafka")!,
            services.GetRequiredService<IOptions<IngestOptions>>().Value,
            services.GetRequiredService<ILogger<KafkaForwarder>>()));
        builder.Services.AddHostedService<IngestWorker>();
        builder.Services.AddHealthChecks().AddCheck<IngestHealthCheck>("ingest");
        return builder;
    }
}

/// <summary>Client set-up from the connection strings.</summary>
internal static class IngestConnections
{
    /// <summary><c>mqtt://user:password@host:1883</c>, or <c>mqtts://</c> for TLS.</summary>
    public static MqttClientOptionsBuilder MqttOptions(string connectionString)
    {
        var uri = new Uri(connectionString);
        bool tls = uri.Scheme == "mqtts";
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? (tls ? 8883 : 1883) : uri.Port)
            .WithTlsOptions(options => options.UseTls(tls));
        if (uri.UserInfo.Length > 0)
        {
            string[] parts = uri.UserInfo.Split(':', 2);
            builder.WithCredentials(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null);
        }

        return builder;
    }

    public static IProducer<string?, byte[]> Producer(string bootstrapServers, IngestOptions options, ILogger logger)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            ClientId = options.ClientId,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            MessageTimeoutMs = (int)options.ProduceTimeout.TotalMilliseconds,
        };
        return new ProducerBuilder<string?, byte[]>(config)
            .SetErrorHandler((_, error) => Log.KafkaError(logger, error.Reason))
            .SetLogHandler((_, message) => Log.KafkaLog(logger, Log.KafkaLevel(message.Level), message.Facility, message.Message))
            .Build();
    }
}
