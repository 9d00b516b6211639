using F2.Integrations.Kafka;
using F2.Protocol;
using F2.Sink;
using F2.Storage;

namespace Microsoft.Extensions.Hosting;

public static class SinkExtensions
{
    /// <summary>
    /// Registers the sink: the <c>telemetrydb</c> data source (Aspire.Npgsql), validated <see cref="SinkOptions"/>,
    /// <see cref="SinkWorker"/>, partition maintenance, metrics, tracing and the health check. Needs
    /// <c>ConnectionStrings:telemetrydb</c> and <c>ConnectionStrings:kafka</c>.
    /// </summary>
    public static TBuilder AddSink<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddNpgsqlDataSource("telemetrydb");
        builder.AddKafkaClients([KafkaTopics.Decoded, KafkaTopics.DeadLetter]);
        builder.Services.AddOptions<SinkOptions>()
            .BindConfiguration(SinkOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.Configure<HostOptions>(host => host.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost);
        builder.Services.AddSingleton<SinkMetrics>();
        builder.Services.AddSingleton<SinkHealth>();
        builder.Services.AddSingleton<TelemetrySchemaState>();
        builder.Services.AddHostedService<SinkWorker>();
        builder.Services.AddHostedService<PartitionMaintenanceService>();
        builder.Services.AddHealthChecks().AddCheck<SinkHealth>("sink");
        return builder;
    }
}
