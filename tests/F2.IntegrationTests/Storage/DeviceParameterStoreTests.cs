using F2.Integrations.DeviceParameters;
using F2.Protocol;
using F2.Tests.Infrastructure;
using Npgsql;

namespace F2.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class DeviceParameterStoreTests(PostgresServer postgres)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    internal static readonly DeviceParameter Strike =
        new("f2-e4fd45f654be", "access-control-mode", "strike", "1", EncodingType.Boolean, "state");

    internal static readonly DeviceParameter Temperature =
        new("f2-e4fd45f654be", "sensor-mode", "RS485-sensor", "3", EncodingType.HexToFloat, "celsius", 0.1, -40, IsSigned: true);

    internal static readonly DeviceParameter AnyDoor =
        new("*", "access-control-mode", "door-sensors", "*", EncodingType.BooleanMap, "state");

    [Fact]
    public async Task SchemaAppliesTwiceAndRowsRoundTrip()
    {
        await using var dataSource = await CreateStoreDatabaseAsync();
        var store = new DeviceParameterStore(dataSource);
        await store.EnsureSchemaAsync().WaitAsync(Timeout);

        await store.UpsertAsync([Strike, Temperature, AnyDoor]).WaitAsync(Timeout);

        IReadOnlyList<DeviceParameter> loaded = await store.LoadAllAsync().WaitAsync(Timeout);
        Assert.Equal(new[] { AnyDoor, Strike, Temperature }.OrderBy(Key), loaded.OrderBy(Key));
    }

    [Fact]
    public async Task UpsertReplacesTheRowWithTheSameKeyAndKeepsTheOthers()
    {
        await using var dataSource = await CreateStoreDatabaseAsync();
        var store = new DeviceParameterStore(dataSource);
        await store.UpsertAsync([Strike, Temperature]).WaitAsync(Timeout);

        DeviceParameter scaled = Temperature with { ScalingFactor = 0.01, Units = "kelvin" };
        await store.UpsertAsync([scaled]).WaitAsync(Timeout);

        IReadOnlyList<DeviceParameter> loaded = await store.LoadAllAsync().WaitAsync(Timeout);
        Assert.Equal(new[] { Strike, scaled }.OrderBy(Key), loaded.OrderBy(Key));
    }

    [Fact]
    public async Task ReplaceAllLeavesExactlyTheNewRows()
    {
        await using var dataSource = await CreateStoreDatabaseAsync();
        var store = new DeviceParameterStore(dataSource);
        await store.UpsertAsync([Strike, Temperature]).WaitAsync(Timeout);

        await store.ReplaceAllAsync([AnyDoor]).WaitAsync(Timeout);

        Assert.Equal([AnyDoor], await store.LoadAllAsync().WaitAsync(Timeout));
    }

    [Theory]
    [InlineData("F2-E4FD45F654BE", "access-control-mode", "strike", "1", "boolean")]
    [InlineData("f2-e4fd45f654be", "relay-mode", "strike", "1", "boolean")]
    [InlineData("f2-e4fd45f654be", "access-control-mode", "relay", "1", "boolean")]
    [InlineData("f2-e4fd45f654be", "access-control-mode", "strike", "01", "boolean")]
    [InlineData("f2-e4fd45f654be", "access-control-mode", "door-sensors", "1", "boolean_map")]
    [InlineData("f2-e4fd45f654be", "access-control-mode", "strike", "1", "bool")]
    public async Task TheTableRefusesValuesTheSpecDoesNotAllow(string device, string mode, string type, string id, string encoding)
    {
        await using var dataSource = await CreateStoreDatabaseAsync();
        await using var insert = dataSource.CreateCommand(
            "INSERT INTO device_parameters (device_id, connector_mode, component_type, component_id, encoding_type, units) " +
            "VALUES ($1, $2, $3, $4, $5, 'state')");
        foreach (string value in new[] { device, mode, type, id, encoding })
        {
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        }

        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync().WaitAsync(Timeout));
        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
    }

    internal async Task<NpgsqlDataSource> CreateStoreDatabaseAsync()
    {
        string connectionString = await postgres.CreateUniqueDatabaseAsync("devicedb").WaitAsync(Timeout);
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await new DeviceParameterStore(dataSource).EnsureSchemaAsync().WaitAsync(Timeout);
        return dataSource;
    }

    private static string Key(DeviceParameter row) => $"{row.DeviceId}|{row.ConnectorMode}|{row.ComponentType}|{row.ComponentId}";
}
