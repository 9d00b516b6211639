using F2.Decoder;
using F2.Integrations.Kafka;
using F2.Protocol;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Registers F2.Decoder: <c>raw_iot_data</c> to <c>decoded_iot_data</c> (Kafka: <c>ConnectionStrings:kafka</c>), reader
/// texts as keyed hashes (<c>Privacy:ReaderKey</c>, or <c>Privacy:ReaderData=Plain</c>).
/// </summary>
public static class DecoderExtensions
{
    public static TBuilder AddDecoder<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<DecoderOptions>()
            .BindConfiguration(DecoderOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.Configure<HostOptions>(host => host.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost);
        builder.AddKafkaClients(KafkaTopics.All);
        builder.AddNpgsqlDataSource("devicedb");
        builder.Services.AddDeviceParameterCache();
        builder.Services.AddReaderPrivacy();

        builder.Services.AddSingleton<DecoderStatus>();
        builder.Services.AddSingleton<DecoderMetrics>();
        builder.Services.AddSingleton<OffsetTracker>();
        builder.Services.AddSingleton<MessageDecoding>();
        builder.Services.AddSingleton<RawRecordDecoder>();
        builder.Services.AddSingleton<OutputProducer>();
        builder.Services.AddSingleton<ConsumeLoop>();
        builder.Services.AddSingleton(services => services.GetRequiredService<KafkaClientFactory>()
            .CreateProducerBuilder<string?, byte[]>(services.GetRequiredService<IOptions<DecoderOptions>>().Value.ConsumerGroup)
            .Build());
        builder.Services.AddHostedService<DecoderWorker>();
        builder.Services.AddHealthChecks().AddCheck<DecoderHealthCheck>("decoder");
        return builder;
    }
}
