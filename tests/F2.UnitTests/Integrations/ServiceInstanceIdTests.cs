using F2.Integrations.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace F2.Tests.Integrations;

/// <summary>
/// A replica asked to (by the AppHost) joins its consumer group as a static member named by its orchestrator's
/// <c>service.instance.id</c>; asked to without one, it does not start.
/// </summary>
public sealed class ServiceInstanceIdTests
{
    [Theory]
    [InlineData("service.instance.id=decoder-abc12", "decoder-abc12")]
    [InlineData("deployment.environment=dev, service.instance.id = sink-x9 ,host.name=h", "sink-x9")]
    [InlineData("service.instance.id=", null)]
    [InlineData("host.name=h", null)]
    [InlineData(null, null)]
    public void TheInstanceIdIsReadFromTheResourceAttributes(string? attributes, string? expected) =>
        Assert.Equal(expected, ServiceInstanceId.From(attributes));

    [Fact]
    public void AskedToTheServiceJoinsWithItsServiceInstanceId()
    {
        var options = KafkaOptionsWith(new()
        {
            ["Kafka:ConsumerGroupInstanceIdFromServiceInstance"] = "true",
            [ServiceInstanceId.ResourceAttributes] = "service.instance.id=decoder-q7w2e",
        });

        Assert.Equal("decoder-q7w2e", options.Value.ConsumerGroupInstanceId);
        Assert.Equal("decoder-q7w2e", KafkaClientConfigs.CreateConsumerConfig("localhost:9092", options.Value, "g", "c").GroupInstanceId);
    }

    [Fact]
    public void AnInstanceIdSetExplicitlyWins()
    {
        var options = KafkaOptionsWith(new()
        {
            ["Kafka:ConsumerGroupInstanceIdFromServiceInstance"] = "true",
            ["Kafka:ConsumerGroupInstanceId"] = "decoder-0",
            [ServiceInstanceId.ResourceAttributes] = "service.instance.id=decoder-q7w2e",
        });

        Assert.Equal("decoder-0", options.Value.ConsumerGroupInstanceId);
    }

    [Fact]
    public void AskedToWithoutAServiceInstanceIdTheServiceDoesNotStartAndSaysWhy()
    {
        var options = KafkaOptionsWith(new() { ["Kafka:ConsumerGroupInstanceIdFromServiceInstance"] = "true" });

        var error = Assert.Throws<OptionsValidationException>(() => options.Value);
        Assert.Contains("names no service.instance.id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotAskedToTheServiceIsADynamicMember()
    {
        var options = KafkaOptionsWith(new() { [ServiceInstanceId.ResourceAttributes] = "service.instance.id=decoder-q7w2e" });

        Assert.Null(options.Value.ConsumerGroupInstanceId);
    }

    private static IOptions<KafkaOptions> KafkaOptionsWith(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration["ConnectionStrings:kafka"] = "localhost:9092";
        builder.AddKafkaClients([]);
        return builder.Build().Services.GetRequiredService<IOptions<KafkaOptions>>();
    }
}
