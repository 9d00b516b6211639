using F2.Integrations.DeviceParameters;
using F2.Protocol;
using Npgsql;

namespace F2.Decoder;

/// <summary>
/// <c>params load &lt;file.csv&gt; [--replace]</c> and <c>params list</c>: manage <c>devicedb.device_parameters</c>
/// through <c>ConnectionStrings:devicedb</c>. A file with any bad line loads nothing and exits non-zero.
/// </summary>
internal static class ParametersCommand
{
    private const string Usage = "usage: F2.Decoder params load <file.csv> [--replace] | F2.Decoder params list";

    public static bool IsInvoked(string[] args) => args is ["params", ..];

    /// <summary>Runs the command; returns the process exit code (0 done, 1 bad input or file, 2 usage, 3 database error).</summary>
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        string? connectionString = configuration.GetConnectionString("devicedb");
        if (string.IsNullOrEmpty(connectionString))
        {
            await error.WriteLineAsync("ConnectionStrings:devicedb is not set (e.g. ConnectionStrings__devicedb=\"Host=...;Database=devicedb;...\").");
            return 2;
        }

        try
        {
            return args switch
            {
                ["params", "list"] => await ListAsync(connectionString, output),
                ["params", "load", string file] => await LoadAsync(connectionString, file, replace: false, output, error),
                ["params", "load", string file, "--replace"] => await LoadAsync(connectionString, file, replace: true, output, error),
                _ => await WriteUsageAsync(error),
            };
        }
        catch (NpgsqlException exception)
        {
            await error.WriteLineAsync($"devicedb: {exception.Message}");
            return 3;
        }
    }

    private static async Task<int> LoadAsync(string connectionString, string path, bool replace, TextWriter output, TextWriter error)
    {
        string? file = Resolve(path);
        if (file is null)
        {
            await error.WriteLineAsync($"{path}: no such file");
            return 1;
        }

        DeviceParameterCsvResult parsed = await DeviceParameterCsv.ParseFileAsync(file);
        if (!parsed.IsValid)
        {
            foreach (DeviceParameterCsvError problem in parsed.Errors)
            {
                await error.WriteLineAsync($"{file}:{problem.Line}: {problem.Message}");
            }

            await error.WriteLineAsync($"{parsed.Errors.Count} bad line(s); nothing was loaded.");
            return 1;
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new DeviceParameterStore(dataSource);
        await store.EnsureSchemaAsync();
        int written = replace ? await store.ReplaceAllAsync(parsed.Rows) : await store.UpsertAsync(parsed.Rows);
        await WriteTableAsync(parsed.Rows, output);
        await output.WriteLineAsync(replace
            ? $"Replaced device_parameters with {written} row(s) from {file}."
            : $"Loaded {written} row(s) from {file} (inserted or updated; other rows kept).");
        return 0;
    }

    private static async Task<int> ListAsync(string connectionString, TextWriter output)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new DeviceParameterStore(dataSource);
        await store.EnsureSchemaAsync();
        IReadOnlyList<DeviceParameter> rows = await store.LoadAllAsync();
        await WriteTableAsync(rows, output);
        await output.WriteLineAsync($"{rows.Count} row(s).");
        return 0;
    }

    /// <summary>
    /// Finds a relative path against the working directory or, since <c>dotnet run</c> starts the app in the project
    /// folder, against the caller's shell directory (<c>PWD</c>).
    /// </summary>
    private static string? Resolve(string path)
    {
        string? shellDirectory = Environment.GetEnvironmentVariable("PWD");
        string[] candidates = Path.IsPathRooted(path) || string.IsNullOrEmpty(shellDirectory)
            ? [Path.GetFullPath(path)]
            : [Path.GetFullPath(path), Path.GetFullPath(path, shellDirectory)];
        return candidates.FirstOrDefault(File.Exists);
    }

    private static async Task<int> WriteUsageAsync(TextWriter error)
    {
        await error.WriteLineAsync(Usage);
        return 2;
    }

    private static async Task WriteTableAsync(IReadOnlyList<DeviceParameter> rows, TextWriter output)
    {
        string[] header = ["device_id", "connector_mode", "component_type", "component_id", "encoding_type", "units", "scaling_factor", "value_offset", "is_signed"];
        List<string[]> lines = [header, .. rows.Select(row => new[]
        {
            row.DeviceId, row.ConnectorMode, row.ComponentType, row.ComponentId, row.Encoding.ToWireName(), row.Units,
            row.ScalingFactor.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            row.ValueOffset.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            row.IsSigned ? "true" : "false",
        })];
        int[] widths = [.. Enumerable.Range(0, header.Length).Select(column => lines.Max(line => line[column].Length))];
        foreach (string[] line in lines)
        {
            await output.WriteLineAsync(string.Join("  ", line.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
        }
    }
}
