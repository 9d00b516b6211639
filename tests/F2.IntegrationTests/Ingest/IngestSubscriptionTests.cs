using F2.Tests.EndToEnd;
using F2.Tests.Storage;
using Microsoft.Extensions.Hosting;

namespace F2.Tests.Ingest;

public sealed class IngestSubscriptionTests
{
    [Fact]
    public async Task ASubscriptionTheBrokerGrantsOnlyAtQos0StopsIngestWithExitCodeOne()
    {
        // Given a broker that grants at most QoS 0 (max_qos 0)
        var broker = new MosquittoServer { MaxQos = 0 };
        await broker.InitializeAsync();
        using var kafka = IngestForwardingTests.StartKafka();
        try
        {
            // When Ingest subscribes at QoS 1
            await using var ingest = await ServiceHost.StartAsync(
                IngestFixture.Settings(broker, kafka.BootstrapServers, IngestForwardingTests.NewClientId()), builder => builder.AddIngest());

            // Then it stops with exit code 1 instead of taking messages it could lose without a trace
            var lifetime = ingest.Get<IHostApplicationLifetime>();
            await Poll.UntilAsync(() => Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested), IngestFixture.Timeout, "Ingest accepted a QoS 0 subscription");
            Assert.Equal(1, Environment.ExitCode);
        }
        finally
        {
            Environment.ExitCode = 0;
            await broker.DisposeAsync();
        }
    }
}
