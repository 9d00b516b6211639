using System.Diagnostics.Metrics;
using F2.Tests.Infrastructure;
using F2.Tests.Security;
using F2.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace F2.Tests.Doors;

/// <summary>Issue 16 (nothing ignored silently): a <c>door_settings</c> row the spec ignores is logged and counted with its reason.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DoorSettingsIgnoredTests(PostgresServer postgres)
{
    [Fact]
    public async Task AnIgnoredDoorSettingsRowIsAWarningWithItsKeyAndACountWithItsReasonOncePerRow()
    {
        using var logs = new CapturingLoggerProvider();
        await using DoorsStage stage = await DoorsStage.CreateAsync(postgres);
        await stage.StartAsync(settingsRefresh: TimeSpan.FromMilliseconds(200), services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var meters = new DoorsMeterRecorder(stage.Services.GetRequiredService<IMeterFactory>());

        await using (var devices = NpgsqlDataSource.Create(stage.DeviceDb))
        {
            await Poll.UntilAsync(() => TryInsertAsync(devices), DoorsStage.Timeout, "door_settings was never created");
        }

        await Poll.UntilAsync(() => Task.FromResult(meters.Sum("f2.doors.settings.ignored") == 3), DoorsStage.Timeout, "the ignored rows were never counted");
        Assert.Equal(2, meters.Sum("f2.doors.settings.ignored", ("reason", "key_invalid")));
        Assert.Equal(1, meters.Sum("f2.doors.settings.ignored", ("reason", "value_out_of_range")));
        string[] warnings = [.. logs.Entries.Where(e => e.StartsWith("Warning", StringComparison.Ordinal) && e.Contains("[6012]", StringComparison.Ordinal))];
        Assert.Equal(3, warnings.Length);
        Assert.Contains(warnings, w => w.Contains("(F2-E4FD45F654BE, 1)", StringComparison.Ordinal) && w.Contains("key_invalid", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("(f2-e4fd45f654be, 01)", StringComparison.Ordinal) && w.Contains("key_invalid", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("(*, *)", StringComparison.Ordinal) && w.Contains("value_out_of_range", StringComparison.Ordinal));

        // Later loads find the same rows: they are not counted or warned about again.
        int loads = Loads(logs);
        await Poll.UntilAsync(() => Task.FromResult(Loads(logs) >= loads + 2), DoorsStage.Timeout, "the settings were never reloaded");
        Assert.Equal(3, meters.Sum("f2.doors.settings.ignored"));
        Assert.Equal(3, logs.Entries.Count(e => e.Contains("[6012]", StringComparison.Ordinal)));
    }

    private static int Loads(CapturingLoggerProvider logs) => logs.Entries.Count(e => e.Contains("[6007]", StringComparison.Ordinal) && e.Contains("(3 ignored)", StringComparison.Ordinal));

    private static async Task<bool> TryInsertAsync(NpgsqlDataSource devices)
    {
        await using NpgsqlCommand insert = devices.CreateCommand(
            """
            INSERT INTO door_settings (device_id, door, held_open) VALUES
              ('F2-E4FD45F654BE', '1', interval '20 seconds'),
              ('f2-e4fd45f654be', '01', interval '20 seconds'),
              ('*', '*', interval '2 days'),
              ('*', '2', interval '20 seconds')
            """);
        try
        {
            await insert.ExecuteNonQueryAsync();
            return true;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return false;
        }
    }
}
