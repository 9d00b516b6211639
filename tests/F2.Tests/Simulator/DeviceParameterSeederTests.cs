using F2.Integrations.DeviceParameters;
using F2.Protocol;
using F2.Simulator;
using F2.Simulator.Generation;
using F2.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
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

    private static DeviceParameterSeeder Seeder(string? devicedb) => new(
        new ConfigurationBuilder().AddInMemoryCollection([new("ConnectionStrings:devicedb", devicedb)]).Build(),
        NullLogger<DeviceParameterSeeder>.Instance);
}
