using System.Diagnostics.Metrics;
using F2.Decoder;
using F2.Decoder.DeadLetters;
using F2.Tests.EndToEnd;
using F2.Tests.Infrastructure;
using F2.Tests.Ingest;
using F2.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace F2.Tests.DeadLetters;

/// <summary>
/// Issue 14 point 7, the operator's scenario through Mosquitto, Ingest, the Kafka stand-in, the Decoder and the Sink: a
/// device installed before its parameters publishes 1,000 messages and some genuinely invalid ones while another device's
/// traffic flows; its messages are dead-lettered <c>params_missing</c>; the operator loads its parameters from a CSV
/// (<c>params load</c>) and replays <c>params_missing</c> (<c>deadletters replay</c>), through the commands' own entry points.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class DeadLetterReplayEndToEndTests(MosquittoServer mosquitto, PostgresServer postgres)
{
    private const int Messages = 1_000;
    private const int OtherMessages = 200;
    private const int BadTimestamps = 5;
    private const string NewDevice = "f2-00000000d14a";
    private const string OtherDevice = "f2-00000000d14b";

    [Fact]
    public async Task AfterLoadingTheParametersAndReplayingParamsMissingTheTableHoldsExactlyTheRowsOfTheThousandMessagesAndASecondReplayChangesNothing()
    {
        await using var pipeline = await PipelineRun.StartAsync(mosquitto, postgres, [StrikeMessages.Parameter(OtherDevice)]);
        await PublishAsync();
        await Poll.UntilAsync(async () => await ScalarAsync(pipeline, "SELECT count(*) FROM dead_letters") == Messages + BadTimestamps
            && await ScalarAsync(pipeline, "SELECT count(*) FROM iot_measurements") == OtherMessages, PipelineRun.Timeout, "the dead letters and the other device's rows never all arrived");
        Assert.Equal(Messages, await ScalarAsync(pipeline, $"SELECT count(*) FROM dead_letters WHERE reason = 'params_missing' AND device_id = '{NewDevice}'"));
        Assert.Equal(BadTimestamps, await ScalarAsync(pipeline, $"SELECT count(*) FROM dead_letters WHERE reason = 'timestamp_invalid' AND device_id = '{NewDevice}'"));
        var otherRows = await RowsAsync(pipeline, OtherDevice);
        Assert.Equal(Expected(OtherDevice, OtherMessages), otherRows);

        string csv = Path.Combine(Path.GetTempPath(), $"f2-params-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, $"device_id,connector_mode,component_type,component_id,encoding_type,units\n{NewDevice},access-control-mode,strike,1,boolean,state\n");
        try
        {
            Assert.Equal(0, await ParametersCommand.RunAsync(["params", "load", csv], Configuration(pipeline), TextWriter.Null, TextWriter.Null));
        }
        finally
        {
            File.Delete(csv);
        }

        string output = await ReplayAsync(pipeline);

        Assert.Contains($"stored: {Messages} ({Messages} row(s), {Messages} new)", output);
        Assert.Contains("rejected: 0", output);
        var newRows = await RowsAsync(pipeline, NewDevice);
        Assert.Equal(Expected(NewDevice, Messages), newRows);
        Assert.Equal(otherRows, await RowsAsync(pipeline, OtherDevice));
        Assert.Equal(BadTimestamps, await ScalarAsync(pipeline,
            "SELECT count(*) FROM dead_letters WHERE reason = 'timestamp_invalid' AND replay_outcome IS NULL"));
        Assert.Equal(Messages + BadTimestamps, await ScalarAsync(pipeline, "SELECT count(*) FROM dead_letters"));

        string again = await ReplayAsync(pipeline);

        Assert.Contains("stored: 0 (0 row(s), 0 new)", again);
        Assert.Equal(newRows, await RowsAsync(pipeline, NewDevice));
        Assert.Equal(otherRows, await RowsAsync(pipeline, OtherDevice));
        Assert.Equal(Messages + OtherMessages, await ScalarAsync(pipeline, "SELECT count(*) FROM iot_measurements"));
        Assert.Equal(Messages, await ScalarAsync(pipeline, "SELECT count(*) FROM dead_letters WHERE replay_outcome = 'stored' AND replay_count = 1"));
    }

    /// <summary>
    /// The new device's messages and bad timestamps (the Decoder checks the timestamp before the parameters, so these are
    /// <c>timestamp_invalid</c>, which a replay of <c>params_missing</c> leaves alone), interleaved with the other device's traffic.
    /// </summary>
    private async Task PublishAsync()
    {
        using var publisher = await IngestFixture.ConnectPublisherAsync(mosquitto);
        for (int i = 0; i < Messages; i++)
        {
            await IngestFixture.PublishAsync(publisher, StrikeMessages.Topic(NewDevice), StrikeMessages.Payload(i));
            if (i % (Messages / OtherMessages) == 0)
            {
                await IngestFixture.PublishAsync(publisher, StrikeMessages.Topic(OtherDevice), StrikeMessages.Payload(i / (Messages / OtherMessages)));
            }

            if (i % (Messages / BadTimestamps) == 0)
            {
                await IngestFixture.PublishAsync(publisher, StrikeMessages.Topic(NewDevice), StrikeMessages.BadTimestamp(i));
            }
        }

        await publisher.DisconnectAsync(new MQTTnet.MqttClientDisconnectOptionsBuilder().Build()).WaitAsync(PipelineRun.Timeout);
    }

    private static List<(string Device, DateTime Time, double? Value, string? Text)> Expected(string device, int count)
        => [.. Enumerable.Range(0, count).Select(i => (device, StrikeMessages.Time(i), (double?)StrikeMessages.Value(i), (string?)null))];

    private static IConfiguration Configuration(PipelineRun pipeline) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:devicedb"] = pipeline.DeviceDb,
        ["ConnectionStrings:telemetrydb"] = pipeline.TelemetryDb,
        [TestReaderKey.Setting.Key] = TestReaderKey.Base64,
    }).Build();

    private static async Task<string> ReplayAsync(PipelineRun pipeline)
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var output = new StringWriter();
        int code = await ReplayCommand.RunAsync(
            ["deadletters", "replay", "--reason", "params_missing"], Configuration(pipeline), services.GetRequiredService<IMeterFactory>(), output, output, CancellationToken.None)
            .WaitAsync(PipelineRun.Timeout);
        Assert.True(code == 0, output.ToString());
        return output.ToString();
    }

    private static async Task<long> ScalarAsync(PipelineRun pipeline, string sql)
    {
        await using var command = pipeline.Telemetry.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync().WaitAsync(PipelineRun.Timeout))!;
    }

    private static Task<List<(string Device, DateTime Time, double? Value, string? Text)>> RowsAsync(PipelineRun pipeline, string device)
        => ReplayDatabases.RowsAsync(pipeline.Telemetry, device);
}
