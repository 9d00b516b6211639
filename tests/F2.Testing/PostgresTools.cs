using System.Diagnostics;

namespace F2.Testing;

/// <summary>
/// Finds PostgreSQL's server binaries (<c>/usr/lib/postgresql/&lt;newest&gt;/bin</c> as Debian's <c>postgresql</c>
/// package installs them; <c>F2_PG_BIN</c> overrides) and runs them, as the <c>postgres</c> user when we are root.
/// </summary>
public sealed class PostgresTools(string binDirectory, bool runAsPostgresUser)
{
    public bool RunAsPostgresUser { get; } = runAsPostgresUser;

    public static PostgresTools Find()
    {
        string? bin = Environment.GetEnvironmentVariable("F2_PG_BIN");
        if (string.IsNullOrEmpty(bin))
        {
            const string Root = "/usr/lib/postgresql";
            bin = Directory.Exists(Root)
                ? Directory.GetDirectories(Root)
                    .Select(path => (Path: path, Version: int.TryParse(Path.GetFileName(path), out int v) ? v : -1))
                    .Where(candidate => candidate.Version >= 0 && File.Exists(Path.Combine(candidate.Path, "bin", "initdb")))
                    .OrderByDescending(candidate => candidate.Version)
                    .Select(candidate => Path.Combine(candidate.Path, "bin"))
                    .FirstOrDefault()
                : null;
        }

        if (bin is null || !File.Exists(Path.Combine(bin, "initdb")))
        {
            throw new InvalidOperationException(
                "PostgreSQL server binaries not found under /usr/lib/postgresql/<version>/bin: install Debian's 'postgresql' package or set F2_PG_BIN.");
        }

        return new PostgresTools(bin, Environment.UserName == "root");
    }

    public Task RunToolAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        string path = Path.Combine(binDirectory, tool);
        return RunAsPostgresUser
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], timeout)
            : RunAsync(path, arguments, timeout);
    }

    public static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using (var cancellation = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}.");
            }
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
