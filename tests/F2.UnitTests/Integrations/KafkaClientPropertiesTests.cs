using Confluent.Kafka;
using F2.Integrations.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace F2.Tests.Integrations;

public sealed class KafkaClientPropertiesTests
{
    [Fact]
    public void SaslAndTlsSettingsFromConfigurationReachProducerAndConsumer()
    {
        KafkaOptions options = Bind(new()
        {
            ["Kafka:ClientProperties:security.protocol"] = "SASL_SSL",
            ["Kafka:ClientProperties:sasl.mechanism"] = "PLAIN",
            ["Kafka:ClientProperties:sasl.username"] = "f2-services",
            ["Kafka:ClientProperties:sasl.password"] = "from-a-secret",
            ["Kafka:ClientProperties:ssl.ca.location"] = "/etc/ssl/certs/ca-certificates.crt",
        });

        ProducerConfig producer = KafkaClientConfigs.CreateProducerConfig("broker:9093", options, "p");
        ConsumerConfig consumer = KafkaClientConfigs.CreateConsumerConfig("broker:9093", options, "g", "c");

        foreach (ClientConfig config in new ClientConfig[] { producer, consumer })
        {
            // As librdkafka receives them (it reads the names case-insensitively).
            Assert.Equal("SASL_SSL", config.Get("security.protocol"));
            Assert.Equal("PLAIN", config.Get("sasl.mechanism"));
            Assert.Equal("f2-services", config.Get("sasl.username"));
            Assert.Equal("from-a-secret", config.Get("sasl.password"));
            Assert.Equal("/etc/ssl/certs/ca-certificates.crt", config.Get("ssl.ca.location"));
        }

        // librdkafka itself accepts them (building a client validates the configuration; nothing connects yet).
        using IProducer<Null, Null> client = new ProducerBuilder<Null, Null>(producer).Build();
        Assert.NotNull(client.Name);
    }

    [Theory]
    [InlineData("acks")]
    [InlineData("enable.idempotence")]
    [InlineData("enable.auto.commit")]
    [InlineData("auto.offset.reset")]
    [InlineData("bootstrap.servers")]
    public void APropertyThatCarriesADeliveryGuaranteeIsRefusedAtStart(string name)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { [$"Kafka:ClientProperties:{name}"] = "0" }));

        Assert.Contains($"Kafka:ClientProperties:{name} is not allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutExtraPropertiesTheClientsKeepPlaintextDefaults()
    {
        KafkaOptions options = Bind([]);

        Assert.Empty(options.ClientProperties);
        Assert.Null(KafkaClientConfigs.CreateProducerConfig("broker:9092", options, "p").Get("security.protocol"));
    }

    private static KafkaOptions Bind(Dictionary<string, string?> settings)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration["ConnectionStrings:kafka"] = "broker:9092";
        builder.AddKafkaClients([]);
        using ServiceProvider services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<KafkaOptions>>().Value;
    }
}
