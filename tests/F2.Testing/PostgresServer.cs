using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace F2.Testing;

/// <summary>
/// A real PostgreSQL server for tests: initdb into a temp folder, started on a free port, killed and deleted on dispose.
/// Runs initdb and postgres as the <c>postgres</c> user when the tests run as root (they refuse root).
/// In xunit tests, share it through a collection fixture.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "f2-pg-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly PostgresTools _tools = PostgresTools.Find();
    private int _port;

    public int Port => _port;

    /// <summary>More server settings (<c>name=value</c>), passed as <c>-c</c> options after the defaults, so they win.</summary>
    public IReadOnlyList<string> ExtraSettings { get; init; } = [];

    /// <summary>The admin database <c>postgres</c>, as the superuser.</summary>
    public string ConnectionString => BuildConnectionString("postgres");

    private string DataDirectory => Path.Combine(_root, "data");

    private string SocketDirectory => Path.Combine(_root, "sock");

    private string LogFile => Path.Combine(_root, "postgres.log");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(SocketDirectory);
        if (_tools.RunAsPostgresUser)
        {
            await PostgresTools.RunAsync("chown", ["-R", "postgres:postgres", _root], CommandTimeout);
        }

        await _tools.RunToolAsync(
            "initdb",
            ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
            CommandTimeout);
        _port = FreePort();
        await StartAsync();
    }

    /// <summary>Creates a database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        // Unpooled: a pooled admin connection would be broken after a restart.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        await command.ExecuteNonQueryAsync();
        return BuildConnectionString(name);
    }

    /// <summary>Creates a database with a unique name starting with <paramref name="prefix"/>.</summary>
    public Task<string> CreateUniqueDatabaseAsync(string prefix)
        => CreateDatabaseAsync($"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)]);

    /// <summary>Starts the server (again) on the same port and waits until it accepts connections.</summary>
    public Task StartAsync()
    {
        string options = string.Join(' ',
            $"-c port={_port}",
            "-c listen_addresses=127.0.0.1",
            $"-c unix_socket_directories={SocketDirectory}",
            "-c max_connections=200",
            "-c shared_buffers=32MB",
            "-c max_wal_size=256MB",
            "-c log_min_messages=warning",
            "-c log_min_error_statement=panic",
            "-c idle_in_transaction_session_timeout=60s",
            string.Join(' ', ExtraSettings.Select(setting => "-c " + setting)));
        return _tools.RunToolAsync("pg_ctl", ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", options], CommandTimeout);
    }

    /// <summary>Stops the server abruptly (as a crash would); committed transactions survive.</summary>
    public Task StopAsync() => StopAsync("immediate");

    /// <summary>Stops abruptly, then starts again on the same port: every open connection breaks.</summary>
    public async Task RestartImmediateAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await StopAsync("immediate");
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(_root, recursive: true);
        }
    }

    private Task StopAsync(string mode)
        => _tools.RunToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", mode, "-w", "-t", "60"], CommandTimeout);

    private string BuildConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _port,
        Username = "postgres",
        Database = database,
        Timeout = 10,
    }.ConnectionString;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
