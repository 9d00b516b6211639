using Microsoft.Extensions.Logging;
using Npgsql;

namespace F2.AppHost.Local;

/// <summary>
/// A PostgreSQL cluster in the state folder: <c>data/</c> (created by initdb on first start) and <c>run/</c>
/// (the Unix socket, reachable only by its owner, with trust authentication). TCP on 127.0.0.1 needs the password.
/// Every step is idempotent, so a restart of the AppHost or of the resource repeats it safely.
/// </summary>
internal sealed class LocalPostgresCluster(string binFolder, string root, int port, ServiceAccount account)
{
    public const string Superuser = "postgres";

    public string DataFolder => Path.Combine(root, "data");

    public string SocketFolder => Path.Combine(root, "run");

    public (string File, string[] Args) ServerCommand() => account.Command(
        Path.Combine(binFolder, "postgres"),
        "-D", DataFolder, "-p", $"{port}", "-h", "127.0.0.1", "-k", SocketFolder,
        "-c", "unix_socket_permissions=0700");

    public string SocketConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = SocketFolder,
        Port = port,
        Username = Superuser,
        Database = database,
        Pooling = false,
        Timeout = 5,
    }.ConnectionString;

    /// <summary>Before the server starts: folders with the right owner, and initdb unless the cluster exists.</summary>
    public async Task InitializeAsync(ILogger logger, CancellationToken cancellationToken)
    {
        Infrastructure.StateFolder.Create(root);
        Infrastructure.StateFolder.CreatePrivate(SocketFolder);
        var initialized = File.Exists(Path.Combine(DataFolder, "PG_VERSION"));
        if (!initialized)
        {
            Infrastructure.StateFolder.CreatePrivate(DataFolder);
        }

        await account.GiveAsync(root, logger, cancellationToken);
        if (initialized)
        {
            return;
        }

        Log.InitializingCluster(logger, DataFolder);
        var (program, args) = account.Command(
            Path.Combine(binFolder, "initdb"),
            "-D", DataFolder, "-U", Superuser, "--auth-local=trust", "--auth-host=scram-sha-256",
            "--encoding=UTF8", "--no-locale", "--no-instructions");
        await ProcessRunner.RunAsync(program, args, logger, cancellationToken);
    }

    /// <summary>Once the server answers: sets the superuser's password from the secret (as a SCRAM verifier), creates missing databases.</summary>
    public async Task PrepareAsync(string password, IEnumerable<string> databases, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(SocketConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);

        await using (var format = new NpgsqlCommand("SELECT format('ALTER ROLE %I WITH PASSWORD %L', @user, @password)", connection))
        {
            format.Parameters.AddWithValue("user", Superuser);
            format.Parameters.AddWithValue("password", ScramVerifier.For(password));
            var alter = (string)(await format.ExecuteScalarAsync(cancellationToken))!;
            await using var command = new NpgsqlCommand(alter, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var database in databases)
        {
            await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", database);
            if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! > 0)
            {
                continue;
            }

            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            Log.CreatedDatabase(logger, database);
        }
    }
}
