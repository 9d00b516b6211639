using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using F2.Hosting.Mosquitto;

namespace F2.Testing;

/// <summary>
/// A real Mosquitto 2 on a free loopback port, configured by <see cref="MosquittoConfig"/> (persistence, large
/// queues, passwords and ACL) in a temporary folder. In xunit tests, share it through a collection fixture.
/// The process is killed on dispose, so no broker outlives the test run.
/// </summary>
public sealed class MosquittoServer : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "f2-mosquitto-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentQueue<string> _output = new();
    private MosquittoConfig? _config;
    private Process? _process;

    /// <summary>With <see cref="TlsKeyFile"/>: the broker also listens with TLS on <see cref="TlsPort"/> with this certificate (PEM).</summary>
    public string? TlsCertificateFile { get; init; }

    /// <summary>The private key (PEM) of <see cref="TlsCertificateFile"/>.</summary>
    public string? TlsKeyFile { get; init; }

    /// <summary>Device accounts (hashed, <c>mosquitto_passwd</c> format) added to the broker's password file.</summary>
    public string? DevicePasswordFile { get; init; }

    /// <summary>The broker's <c>max_qos</c>, when not Mosquitto's default.</summary>
    public int? MaxQos { get; init; }

    /// <summary>The account the pipeline services use (may read and write <c>cmnd/#</c>).</summary>
    public MosquittoUser ServiceUser { get; } = new("f2-service", NewPassword(), MosquittoRole.Service);

    /// <summary>A device account: may use only <c>cmnd/f2-0123456789ab/#</c>.</summary>
    public MosquittoUser DeviceUser { get; } = new("f2-0123456789ab", NewPassword(), MosquittoRole.Device);

    public string Host => "127.0.0.1";

    public int Port => _config?.Port ?? throw new InvalidOperationException("The broker has not been started.");

    /// <summary>The TLS listener's port (only for a broker given a certificate and key).</summary>
    public int TlsPort => _config?.TlsListener?.Port ?? throw new InvalidOperationException("The broker has no TLS listener.");

    /// <summary><c>mqtt://f2-service:…@127.0.0.1:port</c>, as services receive it in <c>ConnectionStrings:mqtt</c>.</summary>
    public string ConnectionString => ConnectionStringFor(ServiceUser);

    public bool IsRunning => _process is { HasExited: false };

    public string ConnectionStringFor(MosquittoUser user) =>
        $"mqtt://{Uri.EscapeDataString(user.Name)}:{Uri.EscapeDataString(user.Password)}@{Host}:{Port}";

    /// <summary>The broker's recent log lines, for failure messages.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout * 2);
        for (int attempt = 1; ; attempt++)
        {
            _config = new MosquittoConfig
            {
                DataDirectory = _directory,
                Port = FreePort(),
                Users = [ServiceUser, DeviceUser],
                RunAsUser = Environment.UserName == "root" ? "root" : null,
                DevicePasswordFile = DevicePasswordFile,
                MaxQos = MaxQos,
                TlsListener = TlsCertificateFile is { } certificate && TlsKeyFile is { } key
                    ? new MosquittoTlsListener(FreePort(), certificate, key) { BindAddress = Host }
                    : null,
            };
            await _config.WriteAsync(timeout.Token);
            try
            {
                await StartAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // The free port may have been taken between probing and binding; try another one.
            }
        }
    }

    /// <summary>Starts the broker again after <see cref="StopAsync"/> or <see cref="KillAsync"/>, on the same port.</summary>
    public async Task StartAsync()
    {
        MosquittoConfig config = _config ?? throw new InvalidOperationException("InitializeAsync has not run.");
        if (IsRunning)
        {
            throw new InvalidOperationException("The broker is already running.");
        }

        var start = new ProcessStartInfo("mosquitto")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(config.ConfigFilePath);
        _process?.Dispose();
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilAcceptingAsync(_process, config.Port);
    }

    /// <summary>Graceful stop (SIGTERM): Mosquitto saves its database, sessions and queued messages survive.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync().WaitAsync(StopTimeout);
        }

        await process.WaitForExitAsync().WaitAsync(StopTimeout);
    }

    /// <summary>Graceful stop, then start on the same port with the same persistence folder.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>
    /// Graceful stop, then start on the same port with its persistence database deleted: the broker has forgotten
    /// every session and queued message, as after a failover to a broker without the state.
    /// </summary>
    public async Task RestartWithoutStateAsync()
    {
        MosquittoConfig config = _config ?? throw new InvalidOperationException("InitializeAsync has not run.");
        await StopAsync();
        foreach (string file in Directory.EnumerateFiles(config.PersistenceDirectory))
        {
            File.Delete(file);
        }

        await StartAsync();
    }

    /// <summary>Hard stop (SIGKILL): whatever was not yet autosaved (at most about a second) is lost.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync().WaitAsync(StopTimeout);
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            _process?.Dispose();
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
    }

    private async Task WaitUntilAcceptingAsync(Process process, int port)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"mosquitto exited with {process.ExitCode} while starting:{Environment.NewLine}{RecentOutput}");
            }

            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(1));
                return;
            }
            catch (Exception e) when (e is SocketException or TimeoutException)
            {
                await Task.Delay(50);
            }
        }

        process.Kill();
        throw new TimeoutException($"mosquitto did not accept connections within {StartTimeout}:{Environment.NewLine}{RecentOutput}");
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string NewPassword() => Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
}
