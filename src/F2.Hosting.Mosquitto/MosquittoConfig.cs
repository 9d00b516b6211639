using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace F2.Hosting.Mosquitto;

/// <summary>
/// Writes a Mosquitto 2.0 configuration for F2 into one data folder: <c>mosquitto.conf</c>, a hashed password file,
/// an ACL file and the persistence folder. Used by the test fixture and by the AppHost's local mode, so both run
/// the broker the pipeline's delivery promise relies on:
/// <list type="bullet">
/// <item>Persistent sessions survive a broker restart: <c>persistence true</c>, saved every
/// <see cref="AutosaveInterval"/> and on a clean stop (SIGTERM). A kill -9 loses at most that interval.</item>
/// <item>An offline subscriber with a persistent session (F2.Ingest while it restarts or while Kafka is down and it
/// stops acking) must not lose messages. Mosquitto <em>silently drops</em> QoS 1/2 messages past
/// <c>max_queued_messages</c> (default 1,000) per client, so the limit is <see cref="MaxQueuedMessages"/>
/// (1,000,000: at ~300 bytes a message about 300 MB of broker memory for one offline client) and the byte limit is
/// off (<c>max_queued_bytes 0</c>).</item>
/// <item><c>max_packet_size</c> (<see cref="DefaultMaxPacketSize"/>, 256 KiB) is well above the pipeline's payload
/// limit (64 KiB), so an oversized payload still reaches F2.Ingest and is dead-lettered as <c>payload_too_large</c>
/// with its original bytes, and well below what Ingest writes to Kafka whole (<c>IngestOptions.KafkaValueLimit</c>),
/// so every payload the broker accepts reaches the dead-letter topic byte-exact. A larger packet is refused: the
/// broker sends DISCONNECT 0x95 (packet too large) and closes the sender's connection.</item>
/// <item>No anonymous access. Services read and write <c>cmnd/#</c> (they subscribe to <c>cmnd/+/#</c>); a device
/// may use only <c>cmnd/&lt;its user name&gt;/#</c>, so its user name must be its device id exactly as it writes
/// it in its topics (lower case).</item>
/// <item>Optionally a second listener with TLS (<see cref="TlsListener"/>) for devices on the network; the same
/// accounts and ACL apply to it.</item>
/// </list>
/// </summary>
public sealed class MosquittoConfig
{
    /// <summary>The folder that holds every generated file and the persistence database.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The TCP port of the only listener.</summary>
    public required int Port { get; init; }

    /// <summary>The address the listener binds.</summary>
    public string BindAddress { get; init; } = "127.0.0.1";

    /// <summary>A second listener that speaks TLS; null for none.</summary>
    public MosquittoTlsListener? TlsListener { get; init; }

    /// <summary>Device accounts with hashed passwords appended to the generated password file (<see cref="Mosquitto.DevicePasswordFile"/>); null for none.</summary>
    public string? DevicePasswordFile { get; init; }

    /// <summary>The accounts written to the password file.</summary>
    public IReadOnlyList<MosquittoUser> Users { get; init; } = [];

    /// <summary>Write and use the ACL file (service and device rules above); false lets every account use every topic.</summary>
    public bool UseAcl { get; init; } = true;

    /// <summary>When run as root, the account Mosquitto switches to; null keeps Mosquitto's default (<c>mosquitto</c>).
    /// That account must be able to write <see cref="DataDirectory"/>.</summary>
    public string? RunAsUser { get; init; }

    public int MaxQueuedMessages { get; init; } = 1_000_000;

    /// <summary>QoS 1/2 messages in flight to one client at a time (Mosquitto's default is 20).</summary>
    public int MaxInflightMessages { get; init; } = 100;

    /// <summary>The default <see cref="MaxPacketSize"/>: 256 KiB.</summary>
    public const int DefaultMaxPacketSize = 256 * 1024;

    /// <summary>The highest QoS the broker grants (<c>max_qos</c>); unset: Mosquitto's default, 2.</summary>
    public int? MaxQos { get; init; }

    /// <summary>The largest MQTT packet the broker accepts (Mosquitto refuses one whose remaining length + 1 exceeds it).</summary>
    public int MaxPacketSize { get; init; } = DefaultMaxPacketSize;

    /// <summary>How often the in-memory database is saved (whole seconds).</summary>
    public TimeSpan AutosaveInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A persistent session that does not reconnect for this long (whole days) is removed.</summary>
    public TimeSpan PersistentClientExpiration { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The <c>mosquitto_passwd</c> executable used to hash the password file.</summary>
    public string MosquittoPasswdPath { get; init; } = "mosquitto_passwd";

    public string ConfigFilePath => Path.Combine(DataDirectory, "mosquitto.conf");

    public string PasswordFilePath => Path.Combine(DataDirectory, "passwords");

    public string AclFilePath => Path.Combine(DataDirectory, "acl");

    public string PersistenceDirectory => Path.Combine(DataDirectory, "data");

    /// <summary>The text of <c>mosquitto.conf</c>.</summary>
    public string RenderConfig()
    {
        var conf = new StringBuilder();
        conf.AppendLine("# Generated by F2.Hosting.Mosquitto.MosquittoConfig; changes are overwritten.");
        if (RunAsUser is not null)
        {
            conf.AppendLine(Invariant($"user {RunAsUser}"));
        }

        conf.AppendLine(Invariant($"listener {Port} {BindAddress}"));
        if (TlsListener is { } tls)
        {
            // certfile and keyfile belong to the listener line just above them.
            conf.AppendLine(Invariant($"listener {tls.Port} {tls.BindAddress}"));
            conf.AppendLine(Invariant($"certfile {tls.CertificateFile}"));
            conf.AppendLine(Invariant($"keyfile {tls.KeyFile}"));
        }

        conf.AppendLine("allow_anonymous false");
        conf.AppendLine(Invariant($"password_file {PasswordFilePath}"));
        if (UseAcl)
        {
            conf.AppendLine(Invariant($"acl_file {AclFilePath}"));
        }

        conf.AppendLine("persistence true");
        conf.AppendLine(Invariant($"persistence_location {PersistenceDirectory}{Path.DirectorySeparatorChar}"));
        conf.AppendLine("autosave_on_changes false");
        conf.AppendLine(Invariant($"autosave_interval {WholeSeconds(AutosaveInterval)}"));
        conf.AppendLine(Invariant($"persistent_client_expiration {Math.Max(1, (int)PersistentClientExpiration.TotalDays)}d"));
        conf.AppendLine(Invariant($"max_queued_messages {MaxQueuedMessages}"));
        conf.AppendLine("max_queued_bytes 0");
        conf.AppendLine(Invariant($"max_inflight_messages {MaxInflightMessages}"));
        conf.AppendLine(Invariant($"max_packet_size {MaxPacketSize}"));
        if (MaxQos is { } maxQos)
        {
            conf.AppendLine(Invariant($"max_qos {maxQos}"));
        }

        conf.AppendLine("log_dest stdout");
        conf.AppendLine("log_type error");
        conf.AppendLine("log_type warning");
        conf.AppendLine("log_type notice");
        conf.AppendLine("log_type information");
        conf.AppendLine("connection_messages true");
        conf.AppendLine("log_timestamp_format %Y-%m-%dT%H:%M:%S");
        return conf.ToString();
    }

    /// <summary>The text of the ACL file.</summary>
    public string RenderAcl()
    {
        var acl = new StringBuilder();
        acl.AppendLine("# Generated by F2.Hosting.Mosquitto.MosquittoConfig; changes are overwritten.");
        foreach (MosquittoUser user in Users)
        {
            if (user.Role == MosquittoRole.Service)
            {
                acl.AppendLine(Invariant($"user {user.Name}"));
                acl.AppendLine("topic readwrite cmnd/#");
            }
        }

        acl.AppendLine("# Every account (devices in particular): its own device topics only.");
        acl.AppendLine("pattern readwrite cmnd/%u/#");
        return acl.ToString();
    }

    /// <summary>Creates the folders and writes the configuration, ACL and hashed password files.</summary>
    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        Validate();
        Directory.CreateDirectory(PersistenceDirectory);
        await File.WriteAllTextAsync(ConfigFilePath, RenderConfig(), cancellationToken).ConfigureAwait(false);
        if (UseAcl)
        {
            await File.WriteAllTextAsync(AclFilePath, RenderAcl(), cancellationToken).ConfigureAwait(false);
        }

        // Plain "name:password" lines first (owner-only), then mosquitto_passwd -U hashes them in place:
        // no password ever appears on a command line.
        var passwords = new StringBuilder();
        foreach (MosquittoUser user in Users)
        {
            passwords.Append(user.Name).Append(':').Append(user.Password).Append('\n');
        }

        await File.WriteAllTextAsync(PasswordFilePath, "", cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(PasswordFilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await File.WriteAllTextAsync(PasswordFilePath, passwords.ToString(), cancellationToken).ConfigureAwait(false);
        await HashPasswordFileAsync(cancellationToken).ConfigureAwait(false);
        if (DevicePasswordFile is not null)
        {
            // Already hashed: appended after hashing, so they are not hashed twice.
            string devices = await Mosquitto.DevicePasswordFile.ReadAsync(DevicePasswordFile, Users.Select(user => user.Name), cancellationToken).ConfigureAwait(false);
            await File.AppendAllTextAsync(PasswordFilePath, devices, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task HashPasswordFileAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(MosquittoPasswdPath) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-U");
        start.ArgumentList.Add(PasswordFilePath);
        using Process process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {MosquittoPasswdPath}.");
        Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
        Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        string message = (await error.ConfigureAwait(false)) + (await output.ConfigureAwait(false));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{MosquittoPasswdPath} -U {PasswordFilePath} exited with {process.ExitCode}: {message.Trim()}");
        }
    }

    private void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(DataDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(Port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
        if (TlsListener is { } tls && (tls.Port is < 1 or > 65535 || tls.Port == Port
            || string.IsNullOrWhiteSpace(tls.CertificateFile) || string.IsNullOrWhiteSpace(tls.KeyFile)))
        {
            throw new ArgumentException("The TLS listener needs its own port and both a certificate file and a key file.");
        }

        foreach (MosquittoUser user in Users)
        {
            if (user.Name.Length == 0 || user.Password.Length == 0 || user.Name.AsSpan().IndexOfAny(": \t\r\n") >= 0
                || user.Password.AsSpan().IndexOfAny("\r\n") >= 0)
            {
                throw new ArgumentException(
                    $"MQTT user '{user.Name}' is not usable in a password file (empty name or password, or ':', white space or a line break).");
            }
        }
    }

    private static int WholeSeconds(TimeSpan interval) => Math.Max(1, (int)Math.Ceiling(interval.TotalSeconds));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
