using System.Globalization;
using Confluent.Kafka;
using F2.Protocol;
using F2.Protocol.Doors;
using F2.Simulator;
using F2.Simulator.Generation;
using F2.Tests.Doors;
using F2.Tests.Simulator;
using F2.Tests.Storage;
using Npgsql;

namespace F2.Tests.EndToEnd;

/// <summary>
/// Issue 16 item 5: F2.Simulator's fleet, published to Mosquitto, through Ingest, the Kafka stand-in, the Decoder and
/// the door stage, gives <c>door_events</c> equal to the simulator's ground-truth file for the anomaly types; with
/// anomalies off, no door is forced or held open. Both are judged once the stage has committed to the end of
/// <c>decoded_iot_data</c>.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class SimulatedDoorAnomaliesEndToEndTests(MosquittoServer mosquitto, PostgresServer postgres)
{
    [Fact]
    public async Task EveryAnomalyTheSimulatorInjectsIsInDoorEventsAtItsDeviceTimeAndNoOtherAnomalyIs()
    {
        (DoorGroundTruth truth, List<DoorGroundTruth.Entry> events, Dictionary<string, DateTime> clocks) = await RunFleetAsync(anomalyShare: 0.13);

        int compared = truth.AssertMatches(events, clocks);

        Assert.True(compared >= 30, $"only {compared} anomalies compared");
    }

    [Fact]
    public async Task WithAnomaliesOffNoDoorIsForcedOrHeldOpen()
    {
        (DoorGroundTruth truth, List<DoorGroundTruth.Entry> events, _) = await RunFleetAsync(anomalyShare: 0);

        Assert.Empty(truth.Entries);
        Assert.Contains(events, e => e.Type == DoorEventType.AccessGranted.ToWireName());
        Assert.DoesNotContain(events, e => e.Type == DoorEventType.DoorForcedOpen.ToWireName() || e.Type == DoorEventType.DoorHeldOpen.ToWireName());
    }

    private async Task<(DoorGroundTruth, List<DoorGroundTruth.Entry>, Dictionary<string, DateTime>)> RunFleetAsync(double anomalyShare)
    {
        string truthFile = Path.GetTempFileName();
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:mqtt"] = mosquitto.ConnectionString,
                ["Simulator:Devices"] = "16",
                ["Simulator:Models:F2-212"] = "1",
                ["Simulator:Models:F2-213"] = "1",
                ["Simulator:Models:F2-214"] = "1",
                ["Simulator:Models:F2-301"] = "1",
                ["Simulator:Seed"] = "16",
                ["Simulator:RatePerDevice"] = "10",
                ["Simulator:Duration"] = "00:00:45",
                ["Simulator:Connections"] = "1",
                ["Simulator:Doors:Idle"] = "00:00:12",
                ["Simulator:Doors:GroundTruthFile"] = truthFile,
            };
            foreach (string share in new[] { "ForcedOpen", "HeldOpen", "DeniedCard", "UnexplainedUnlock", "FailedRelock", "QuietExit", "UnusedGrant" })
            {
                settings[$"Simulator:Doors:{share}Share"] = anomalyShare.ToString(CultureInfo.InvariantCulture);
            }

            var options = new SimulatorOptions { Devices = 16, Seed = 16 };
            foreach (string model in new[] { "F2-212", "F2-213", "F2-214", "F2-301" })
            {
                options.Models[model] = 1;
            }

            List<DeviceParameter> parameters = [.. MessageGenerator.Create(options, TimeProvider.System).Devices.SelectMany(d => d.Parameters)];
            await using var pipeline = await PipelineRun.StartAsync(mosquitto, postgres, parameters, withDoors: true);

            (int exitCode, long published, long failures) = await SimulatorHosts.RunAsync(settings);
            Assert.Equal((0, 0L), (exitCode, failures));

            await Poll.UntilAsync(() => Task.FromResult(DecodedCount(pipeline) == published), PipelineRun.Timeout, "the Decoder never decoded every published message");
            await Poll.UntilAsync(
                async () => await DoorsStage.ProcessedAsync(pipeline.Telemetry) == published, PipelineRun.Timeout, "the door stage never committed to the end of decoded_iot_data");
            return (DoorGroundTruth.Read(truthFile), await EventsAsync(pipeline.Telemetry), await ClocksAsync(pipeline.Telemetry));
        }
        finally
        {
            File.Delete(truthFile);
        }
    }

    private static long DecodedCount(PipelineRun pipeline)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = pipeline.Kafka.BootstrapServers, GroupId = "f2-test-watermarks" }).Build();
        return Enumerable.Range(0, PipelineRun.Partitions)
            .Sum(partition => consumer.QueryWatermarkOffsets(new TopicPartition(KafkaTopics.Decoded, partition), PipelineRun.Timeout).High.Value);
    }

    private static async Task<List<DoorGroundTruth.Entry>> EventsAsync(NpgsqlDataSource telemetry)
    {
        await using NpgsqlCommand command = telemetry.CreateCommand("SELECT device_id, door, event_type, time FROM door_events");
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        var events = new List<DoorGroundTruth.Entry>();
        while (await reader.ReadAsync())
        {
            events.Add(new(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetDateTime(3)));
        }

        return events;
    }

    /// <summary>Each device's clock as the stage stored it with its door state (microseconds since the epoch).</summary>
    private static async Task<Dictionary<string, DateTime>> ClocksAsync(NpgsqlDataSource telemetry)
    {
        await using NpgsqlCommand command = telemetry.CreateCommand(
            "SELECT device_id, (state->>'Clock')::bigint FROM door_state WHERE consumer_group = 'f2-doors' AND state->>'Clock' IS NOT NULL");
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        var clocks = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            clocks[reader.GetString(0)] = DateTime.UnixEpoch.AddTicks(reader.GetInt64(1) * TimeSpan.TicksPerMicrosecond);
        }

        return clocks;
    }
}
