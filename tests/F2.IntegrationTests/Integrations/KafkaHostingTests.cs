using F2.Integrations.Kafka;
using F2.Protocol;
using F2.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace F2.Tests.Integrations;

[Collection(KafkaCollection.Name)]
public sealed class KafkaHostingTests(KafkaTestCluster kafka)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AMissingKafkaConnectionStringStopsTheHostAtStart()
    {
        using IHost host = Build([]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync().WaitAsync(Timeout));
        Assert.Contains("ConnectionStrings:kafka", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInconsistentOptionStopsTheHostAtStart()
    {
        using IHost host = Build(new()
        {
            ["ConnectionStrings:kafka"] = kafka.BootstrapServers,
            ["Kafka:ConsumerSessionTimeout"] = "00:01:00",
            ["Kafka:ConsumerMaxPollInterval"] = "00:00:30",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync().WaitAsync(Timeout));
        Assert.Contains("ConsumerMaxPollInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredClientsReachTheClusterAndReportHealthy()
    {
        using IHost host = Build(new()
        {
            ["ConnectionStrings:kafka"] = kafka.BootstrapServers,
            ["Kafka:ProducerLinger"] = "00:00:00.010",
        });
        await host.StartAsync().WaitAsync(Timeout);

        KafkaClientFactory factory = host.Services.GetRequiredService<KafkaClientFactory>();
        HealthReport report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WaitAsync(Timeout);

        Assert.Equal(kafka.BootstrapServers, factory.BootstrapServers);
        Assert.Equal(TimeSpan.FromMilliseconds(10), factory.Options.ProducerLinger);
        Assert.Equal(HealthStatus.Healthy, report.Entries["kafka"].Status);
        await host.StopAsync().WaitAsync(Timeout);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddKafkaClients(KafkaTopics.All);
        return builder.Build();
    }
}
