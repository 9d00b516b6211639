using F2.Integrations.DeviceParameters;
using F2.Protocol;
using F2.Simulator;
using F2.Simulator.Generation;
using F2.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace F2.Tests.Simulator;

[Collection(PostgresCollection.Name)]
public class DeviceParameterSeederTests(PostgresServer postgres)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TheRowsWrittenToDevicedbDecodeEveryMessageOfTheRun()
    {
        string devicedb = await postgres.CreateUniqueDatabaseAsync("simulator").WaitAsync(Timeout);
        SimulatorOptions options = SimulatorRun.Options(devices: 14, seed: 11);
        SimulatorRun run = SimulatorRun.Generate(options, 3000);
        DeviceParameterSeeder seeder = Seeder(devicedb);

        Assert.True(await seeder.TryWriteAsync(run.Generator.Devices, CancellationToken.None).WaitAsync(Timeout));
        Assert.True(await seeder.TryWriteAsync(run.Generator.Devices, CancellationToken.None).WaitAsync(Timeout));

        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(devicedb);
        IReadOnlyList<DeviceParameter> stored = await new DeviceParameterStore(dataSource).LoadAllAsync().WaitAsync(Timeout);
        Assert.Equal(run.Generator.Devices.Sum(d => d.Parameters.Count), stored.Count);
        Assert.DoesNotContain(stored, p => p.DeviceId == DeviceParameter.Wildcard || p.ComponentId == DeviceParameter.Wildcard);
        ParameterSet parameters = ParameterSet.Create(stored);
        var rows = new List<DecodedRow>();
        foreach (SimulatedMessage message in run.Messages)
        {
            Assert.True(MessageDecoder.Decode(message.Topic, message.Payload, parameters, rows).IsSuccess, message.Topic);
        }
    }

    [Fact]
    public async Task WithoutADevicedbConnectionStringNothingIsWrittenAndTheRunCannotStart()
    {
        SimulatorRun run = SimulatorRun.Generate(SimulatorRun.Options(devices: 1), 1);

        Assert.False(await Seeder(null).TryWriteAsync(run.Generator.Devices, CancellationToken.None).WaitAsync(Timeout));
    }

    [Fact]
    public async Task AFleetsParametersAreWrittenInOneTransactionSoAFailedWriteLeavesNoneOfThem()
    {
        string devicedb = await postgres.CreateUniqueDatabaseAsync("simulator").WaitAsync(Timeout);
        SimulatorRun run = SimulatorRun.Generate(SimulatorRun.Options(devices: 5_000, seed: 12), 1);
        string lastDevice = run.Generator.Devices[^1].DeviceId;
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(devicedb);
        await new DeviceParameterStore(dataSource).EnsureSchemaAsync().WaitAsync(Timeout);
        // An operator's trigger that refuses the fleet's last device: the write fails after all the others were sent.
        await using (NpgsqlCommand refuse = dataSource.CreateCommand($"""
            CREATE FUNCTION refuse_last() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.device_id = '{lastDevice}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER refuse_last BEFORE INSERT ON device_parameters FOR EACH ROW EXECUTE FUNCTION refuse_last();
            """))
        {
            await refuse.ExecuteNonQueryAsync().WaitAsync(Timeout);
        }

        // The seeder retries a failed write; its first retry warning ends the run.
        using var stop = new CancellationTokenSource();
        var seeder = new DeviceParameterSeeder(Configuration(devicedb), new CancelOnWarning(stop));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => seeder.TryWriteAsync(run.Generator.Devices, stop.Token).WaitAsync(Timeout));

        Assert.Empty(await new DeviceParameterStore(dataSource).LoadAllAsync().WaitAsync(Timeout));
    }

    private static DeviceParameterSeeder Seeder(string? devicedb) => new(Configuration(devicedb), NullLogger<DeviceParameterSeeder>.Instance);

    private static IConfiguration Configuration(string? devicedb)
        => new ConfigurationBuilder().AddInMemoryCollection([new("ConnectionStrings:devicedb", devicedb)]).Build();

    private sealed class CancelOnWarning(CancellationTokenSource stop) : ILogger<DeviceParameterSeeder>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                stop.Cancel();
            }
        }
    }
}
