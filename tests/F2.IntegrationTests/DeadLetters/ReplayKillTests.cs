using System.Diagnostics;
using F2.Harness.Pipeline;
using F2.Tests.Infrastructure;
using F2.Tests.Storage;

namespace F2.Tests.DeadLetters;

/// <summary>
/// Issue 14 point 7, the kill: the Decoder's built program replaying (<c>deadletters replay</c>, a process of its own) is
/// killed with SIGKILL midway and run again; the table then holds exactly the rows of the replayed messages.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReplayKillTests(PostgresServer postgres)
{
    private const string Device = "f2-0000000000c7";
    private const int Messages = 1_000;

    [Fact]
    public async Task AReplayKilledMidwayAndRunAgainLeavesExactlyTheRowsOfTheReplayedMessages()
    {
        await using var databases = await ReplayDatabases.CreateAsync(postgres);
        databases.KeepDecoderDeadLetters(StrikeMessages.Topic(Device), Device, "params_missing", Enumerable.Range(0, Messages).Select(StrikeMessages.Payload));
        await databases.LoadParametersAsync(StrikeMessages.Parameter(Device));

        using (Process first = StartReplay(databases, "--rate", "200"))
        {
            try
            {
                await Poll.UntilAsync(async () => await databases.ScalarAsync("SELECT count(*) FROM dead_letters WHERE replay_outcome = 'stored'") >= Messages / 5,
                    ReplayDatabases.Timeout, "the first replay never got a fifth of the way");
            }
            finally
            {
                first.Kill();
                await first.WaitForExitAsync().WaitAsync(ReplayDatabases.Timeout);
            }
        }

        long storedWhenKilled = await databases.ScalarAsync("SELECT count(*) FROM dead_letters WHERE replay_outcome = 'stored'");
        Assert.InRange(storedWhenKilled, Messages / 5, Messages - 1);

        using (Process rerun = StartReplay(databases, "--rate", "100000"))
        {
            string output = await rerun.StandardOutput.ReadToEndAsync().WaitAsync(ReplayDatabases.Timeout);
            await rerun.WaitForExitAsync().WaitAsync(ReplayDatabases.Timeout);
            Assert.True(rerun.ExitCode == 0, output + await rerun.StandardError.ReadToEndAsync());
            Assert.Contains($"stored: {Messages - storedWhenKilled} (", output);
        }

        var expected = Enumerable.Range(0, Messages).Select(i => (Device, StrikeMessages.Time(i), (double?)StrikeMessages.Value(i), (string?)null)).ToList();
        Assert.Equal(expected, await databases.RowsAsync());
        Assert.Equal(Messages, await databases.ScalarAsync("SELECT count(*) FROM dead_letters WHERE replay_outcome = 'stored'"));
        Assert.Equal(Messages, await databases.ScalarAsync("SELECT sum(count) FROM iot_measurements_hourly"));
    }

    /// <summary>The Decoder's built program with the replay verb and the databases' settings in its environment.</summary>
    private static Process StartReplay(ReplayDatabases databases, params string[] options)
    {
        string decoder = ServiceBinaries.LocateFor(typeof(ReplayKillTests).Assembly).PathOf(ServiceKind.Decoder);
        var start = new ProcessStartInfo("dotnet", [decoder, "deadletters", "replay", "--reason", "params_missing", .. options])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__devicedb"] = databases.DeviceDb;
        start.Environment["ConnectionStrings__telemetrydb"] = databases.TelemetryDb;
        start.Environment["Privacy__ReaderKey"] = TestReaderKey.Base64;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the Decoder");
    }
}
