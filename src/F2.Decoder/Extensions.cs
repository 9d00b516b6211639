using Confluent.Kafka;
using F2.Decoder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers F2.Decoder: <c>raw_iot_data</c> to <c>decoded_iot_data</c> (Kafka: <c>ConnectionStrings:kafka</c>).</summary>
public static class DecoderExtensions
{
    public static TBuilder AddDecoder<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<DecoderOptions>()
            .BindConfiguration(DecoderOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(_ => !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("kafka")), "ConnectionStrings:kafka is not set.")
            .ValidateOnStart();
        builder.Services.Configure<HostOptions>(host => host.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost);
        builder.AddNpgsqlDataSource("devicedb");
        builder.Services.AddDeviceParameterCache();

        builder.Services.AddSingleton<DecoderStatus>();
        builder.Services.AddSingleton<DecoderMetrics>();
        builder.Services.AddSingleton<OffsetTracker>();
        builder.Services.AddSingleton<RawRecordDecoder>();
        builder.Services.AddSingleton<OutputProducer>();
        builder.Services.AddSingleton<ConsumeLoop>();
        builder.Services.TryAddSingleton(services => DecoderConnections.Consumer(
            builder.Configuration.GetConnectionString("kafka")!, services.GetRequiredService<IOptions<DecoderOptions>>().Value));
        builder.Services.AddSingleton(services => DecoderConnections.Producer(
            builder.Configuration.GetConnectionString("kafka")!,
            services.GetRequiredService<IOptions<DecoderOptions>>().Value,
            services.GetRequiredService<ILogger<OutputProducer>>()));
        builder.Services.AddHostedService<DecoderWorker>();
        builder.Services.AddHealthChecks().AddCheck<DecoderHealthCheck>("decoder");
        return builder;
    }
}

/// <summary>Kafka client set-up from the connection string.</summary>
internal static class DecoderConnections
{
    public static ConsumerConfig Consumer(string bootstrapServers, DecoderOptions options) => new()
    {
        BootstrapServers = bootstrapServers,
        GroupId = options.ConsumerGroup,
        ClientId = options.ConsumerGroup,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
    };

    public static IProducer<string?, byte[]> Producer(string bootstrapServers, DecoderOptions options, ILogger logger)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            ClientId = options.ConsumerGroup,
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
