using F2.Integrations.Kafka;
using F2.Protocol;
using F2.Sink;
using F2.Storage;
using F2.Storage.DeadLetters;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

public static class SinkExtensions
{
    /// <summary>
    /// Registers the sink: the <c>telemetrydb</c> data source (Aspire.Npgsql), validated <see cref="SinkOptions"/>,
    /// <see cref="SinkWorker"/>, partition maintenance, the dead-letter store (<see cref="DeadLetterStoreWorker"/>, validated
    /// <see cref="DeadLetterStoreOptions"/>, retention), metrics, tracing and the health check. Needs
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
        builder.Services.AddOptions<DeadLetterStoreOptions>()
            .BindConfiguration(DeadLetterStoreOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.Configure<HostOptions>(host => host.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost);
        builder.Services.AddSingleton<SinkMetrics>();
        builder.Services.AddSingleton<SinkHealth>();
        builder.Services.AddSingleton<TelemetrySchemaState>();
        builder.Services.AddSingleton(services => new MeasurementWriter(
            services.GetRequiredService<NpgsqlDataSource>(),
            services.GetRequiredService<TelemetrySchemaState>().WhenApplied is { IsCompletedSuccessfully: true } applied
                ? applied.Result
                : throw new InvalidOperationException("The telemetry schema is not applied yet.")));
        builder.Services.AddSingleton<PendingCommits>();
        builder.Services.AddSingleton<SinkBatchFlusher>();
        builder.Services.AddSingleton<SinkConsumeLoop>();
        builder.Services.AddHostedService<SinkWorker>();
        builder.Services.AddHostedService<PartitionMaintenanceService>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services => new DeadLetterStore(services.GetRequiredService<NpgsqlDataSource>()));
        builder.Services.AddSingleton(services => new DeadLetterStoreHealth(
            new ConsumerGroupHealth(services.GetRequiredService<IOptions<KafkaOptions>>())));
        builder.Services.AddSingleton<DeadLetterStoreLoop>();
        builder.Services.AddHostedService<DeadLetterStoreWorker>();
        builder.Services.AddHostedService<DeadLetterRetentionService>();
        builder.Services.AddHealthChecks()
            .AddCheck<SinkHealth>("sink")
            .AddCheck<DeadLetterStoreHealth>("deadletter-store");
        return builder;
    }
}
