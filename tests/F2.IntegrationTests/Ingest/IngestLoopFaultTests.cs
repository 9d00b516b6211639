using System.Text;
using Confluent.Kafka;
using F2.DevKafka;
using F2.Protocol;
using F2.Tests.EndToEnd;
using F2.Tests.Infrastructure;
using F2.Tests.Security;
using F2.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace F2.Tests.Ingest;

/// <summary>A fault in Ingest's acknowledging or retrying loop stops Ingest with a log line and exit code 1 instead of a stall.</summary>
[Collection(MosquittoCollection.Name)]
public sealed class IngestLoopFaultTests(MosquittoServer mosquitto) : IDisposable
{
    private readonly MockKafkaCluster _kafka = IngestForwardingTests.StartKafka();

    [Fact]
    public async Task AFaultInTheRetryingLoopStopsIngestWithExitCodeOneAndTheMessageIsRedeliveredToTheNextIngest()
    {
        // Given an Ingest whose producer fails a record's first attempt and throws on its retry
        string clientId = IngestForwardingTests.NewClientId();
        var logs = new CapturingLoggerProvider();
        try
        {
            await using (var ingest = await StartFaultyAsync(clientId, logs, (inner, attempt, topic, message, report) =>
            {
                if (attempt > 1)
                {
                    throw new InvalidOperationException("injected fault in a retry");
                }

                report(FaultyProducer.TimedOut(topic, message));
            }))
            {
                // When a device publishes a message
                string payload = await PublishOneAsync();

                // Then Ingest stops with exit code 1 and says which loop failed
                await AssertStopsWithExitCodeOneAsync(ingest, logs, "retrying");

                // And the message it never acknowledged reaches Kafka through the next Ingest
                await ingest.StopAsync();
                await using var next = await IngestFixture.StartAsync(IngestFixture.Settings(mosquitto, _kafka.BootstrapServers, clientId));
                var records = await KafkaTestReader.ReadAsync(_kafka.BootstrapServers, KafkaTopics.Raw, 1, IngestFixture.Timeout);
                Assert.Equal(payload, Encoding.UTF8.GetString(Assert.Single(records).Message.Value));
            }
        }
        finally
        {
            Environment.ExitCode = 0;
        }
    }

    [Fact]
    public async Task AFaultInTheAcknowledgingLoopStopsIngestWithExitCodeOne()
    {
        // Given an Ingest whose producer reports each delivery twice (so the second acknowledgement of a message fails)
        var logs = new CapturingLoggerProvider();
        try
        {
            await using var ingest = await StartFaultyAsync(IngestForwardingTests.NewClientId(), logs, (inner, _, topic, message, report) =>
                inner.Produce(topic, message, delivered =>
                {
                    report(delivered);
                    report(delivered);
                }));

            // When a device publishes a message
            await PublishOneAsync();

            // Then Ingest stops with exit code 1 and says which loop failed
            await AssertStopsWithExitCodeOneAsync(ingest, logs, "acknowledging");
        }
        finally
        {
            Environment.ExitCode = 0;
        }
    }

    public void Dispose() => _kafka.Dispose();

    private static async Task AssertStopsWithExitCodeOneAsync(ServiceHost ingest, CapturingLoggerProvider logs, string loop)
    {
        var lifetime = ingest.Get<IHostApplicationLifetime>();
        await Poll.UntilAsync(() => Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested), IngestFixture.Timeout, $"Ingest kept running after its {loop} loop failed");
        Assert.Equal(1, Environment.ExitCode);
        Assert.Contains(logs.Entries, entry => entry.StartsWith("Critical", StringComparison.Ordinal) && entry.Contains("[1024]", StringComparison.Ordinal)
            && entry.Contains($"Ingest's {loop} loop failed", StringComparison.Ordinal));
    }

    private async Task<ServiceHost> StartFaultyAsync(string clientId, CapturingLoggerProvider logs, FaultyProducer.ProduceBehaviour behaviour)
    {
        var settings = IngestFixture.Settings(mosquitto, _kafka.BootstrapServers, clientId);
        settings["Ingest:ProduceRetryDelayMax"] = "00:00:00.100";
        var ingest = await ServiceHost.StartAsync(settings, builder => builder.AddIngest(), services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            services.AddSingleton(_ => FaultyProducer.Wrap(
                new ProducerBuilder<string?, byte[]>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers }).Build(), behaviour));
        });
        var status = ingest.Get<F2.Ingest.IngestStatus>();
        await Poll.UntilAsync(() => Task.FromResult(status.MqttConnected), IngestFixture.Timeout, "Ingest never subscribed");
        return ingest;
    }

    private async Task<string> PublishOneAsync()
    {
        using var publisher = await IngestFixture.ConnectPublisherAsync(mosquitto);
        string payload = "{\"timestamp\": \"2024-01-01 00:00:01\", \"status\": true}";
        await IngestFixture.PublishAsync(publisher, $"cmnd/{IngestFixture.NewDeviceId()}/alarm-mode/J2/siren-1", Encoding.UTF8.GetBytes(payload));
        return payload;
    }
}
