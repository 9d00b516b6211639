using F2.Decoder;
using F2.Integrations.DeviceParameters;
using F2.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace F2.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class ParametersCommandTests(PostgresServer postgres) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _directory = Directory.CreateTempSubdirectory("f2-params-").FullName;

    [Fact]
    public async Task TheSampleFileLoadsAndListShowsEveryRow()
    {
        string connectionString = await postgres.CreateUniqueDatabaseAsync("devicedb").WaitAsync(Timeout);
        string sample = Path.Combine(RepositoryRoot(), "deploy", "device-parameters.sample.csv");

        (int loadExit, string loadOutput, _) = await RunAsync(connectionString, "params", "load", sample, "--replace");
        (int listExit, string listOutput, _) = await RunAsync(connectionString, "params", "list");

        Assert.Equal(0, loadExit);
        Assert.Contains("Replaced device_parameters with 26 row(s)", loadOutput, StringComparison.Ordinal);
        Assert.Equal(0, listExit);
        Assert.Contains("26 row(s).", listOutput, StringComparison.Ordinal);
        string[] tableLines = listOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(tableLines, line => Cells(line) is ["f2-e4fd45f654be", "sensor-mode", "RS485-sensor", "3", "hex_to_float", "celsius", "0.1", "0", "false"]);
        Assert.Contains(tableLines, line => Cells(line) is ["*", "alarm-mode", "exit-buttons", "N/A", "boolean_map", "state", "1", "0", "false"]);
        DeviceParameterCsvResult sampleRows = await DeviceParameterCsv.ParseFileAsync(sample).WaitAsync(Timeout);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        Assert.Equal(
            sampleRows.Rows.OrderBy(row => row.ToString(), StringComparer.Ordinal),
            (await new DeviceParameterStore(dataSource).LoadAllAsync().WaitAsync(Timeout)).OrderBy(row => row.ToString(), StringComparer.Ordinal));
    }

    [Fact]
    public async Task ABadFilePrintsEveryBadLineExitsNonZeroAndLoadsNothing()
    {
        string connectionString = await postgres.CreateUniqueDatabaseAsync("devicedb").WaitAsync(Timeout);
        string file = Path.Combine(_directory, "bad.csv");
        await File.WriteAllTextAsync(file, """
            device_id,connector_mode,component_type,component_id,encoding_type,units
            *,alarm-mode,siren,*,boolean,state
            *,alarm-mode,siren,0,boolean,state
            *,night-mode,siren,*,boolean,state
            """);

        (int exit, _, string errors) = await RunAsync(connectionString, "params", "load", file);
        (_, string listOutput, _) = await RunAsync(connectionString, "params", "list");

        Assert.Equal(1, exit);
        Assert.Contains($"{file}:3: ", errors, StringComparison.Ordinal);
        Assert.Contains($"{file}:4: ", errors, StringComparison.Ordinal);
        Assert.DoesNotContain($"{file}:2: ", errors, StringComparison.Ordinal);
        Assert.Contains("0 row(s).", listOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadWithoutReplaceKeepsRowsTheFileDoesNotMention()
    {
        string connectionString = await postgres.CreateUniqueDatabaseAsync("devicedb").WaitAsync(Timeout);
        string first = Path.Combine(_directory, "first.csv");
        string second = Path.Combine(_directory, "second.csv");
        await File.WriteAllTextAsync(first, "device_id,connector_mode,component_type,component_id,encoding_type,units\n*,alarm-mode,siren,*,boolean,state\n");
        await File.WriteAllTextAsync(second, "device_id,connector_mode,component_type,component_id,encoding_type,units\n*,alarm-mode,strike,*,boolean,state\n");

        await RunAsync(connectionString, "params", "load", first);
        (int exit, _, _) = await RunAsync(connectionString, "params", "load", second);
        (_, string listOutput, _) = await RunAsync(connectionString, "params", "list");

        Assert.Equal(0, exit);
        Assert.Contains("2 row(s).", listOutput, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(string connectionString, params string[] args)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("ConnectionStrings:devicedb", connectionString)])
            .Build();
        using var output = new StringWriter();
        using var errors = new StringWriter();
        int exit = await ParametersCommand.RunAsync(args, configuration, output, errors).WaitAsync(Timeout);
        return (exit, output.ToString(), errors.ToString());
    }

    private static string[] Cells(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "F2.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("F2.sln not found above " + AppContext.BaseDirectory);
    }
}
