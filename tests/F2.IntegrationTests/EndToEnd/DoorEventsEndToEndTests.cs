using F2.Tests.Doors;
using F2.Tests.Ingest;
using F2.Tests.Storage;
using MQTTnet;

namespace F2.Tests.EndToEnd;

/// <summary>
/// Issue 16 item 2, integration tier: a sample of the door-events vectors published to Mosquitto, through Ingest, the
/// Kafka stand-in, the Decoder and the door stage, gives exactly the vectors' rows in <c>door_events</c>.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class DoorEventsEndToEndTests(MosquittoServer mosquitto, PostgresServer postgres)
{
    public static TheoryData<string> SampleVectors() =>
    [
        "two devices interleaved",
        "beyond lateness a late exit press does not cancel a forced open",
        "rejected messages are not signals",
    ];

    [Theory]
    [MemberData(nameof(SampleVectors))]
    public async Task AVectorPublishedOverMqttEndsAsExactlyItsDoorEvents(string name)
    {
        DoorEventVector vector = DoorEventVector.All().First(v => v.Name == name);
        int decoded = vector.DecodedMessages().Count();
        await using var pipeline = await PipelineRun.StartAsync(mosquitto, postgres, vector.ParameterRows, withDoors: true);

        using (var publisher = await IngestFixture.ConnectPublisherAsync(mosquitto))
        {
            foreach ((string topic, byte[] payload) in vector.Messages)
            {
                await IngestFixture.PublishAsync(publisher, topic, payload);
            }

            await publisher.DisconnectAsync().WaitAsync(PipelineRun.Timeout);
        }

        await Poll.UntilAsync(async () => await DoorsStage.ProcessedAsync(pipeline.Telemetry) == decoded, PipelineRun.Timeout, "the door stage never processed every decoded message");
        Assert.Equal(vector.ExpectedEvents, await DoorsStage.EventsAsync(pipeline.Telemetry));
    }
}
