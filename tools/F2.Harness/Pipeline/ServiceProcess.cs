using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;

namespace F2.Harness.Pipeline;

/// <summary>
/// One pipeline service as a child process (<c>dotnet F2.X.dll</c>) with its own environment and health port.
/// Its stdout and stderr go to <see cref="LogPath"/> (appended across restarts, each start marked). Kill is SIGKILL
/// to this process only; memory and CPU are read from <c>/proc</c> and survive restarts as totals and peaks.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(15);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly string _dllPath;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly ILogger _logger;
    private readonly Lock _logGate = new();
    private readonly StreamWriter _log;
    private Process? _process;

    // Earlier runs' Process objects stay undisposed until DisposeAsync: a sampler or health probe may still hold one
    // when Start replaces it, and a disposed Process throws on HasExited.
    private readonly List<Process> _retired = [];
    private double _cpuOfEarlierRuns;
    private long _peakResidentBytes;
    private ProcessSample? _lastSample;
    private bool _logClosed;

    public ServiceProcess(
        string name, ServiceKind kind, string dllPath, int healthPort,
        IReadOnlyDictionary<string, string> environment, string logPath, ILogger logger)
    {
        Name = name;
        Kind = kind;
        HealthPort = healthPort;
        LogPath = logPath;
        _dllPath = dllPath;
        _environment = environment;
        _logger = logger;
        _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
    }

    /// <summary>e.g. <c>sink-2</c>.</summary>
    public string Name { get; }

    public ServiceKind Kind { get; }

    /// <summary>The port of <c>/health</c> (the service's <c>ASPNETCORE_URLS</c>).</summary>
    public int HealthPort { get; }

    public string LogPath { get; }

    public int Starts { get; private set; }

    public bool IsRunning => _process is { HasExited: false };

    public int? ProcessId => IsRunning ? _process!.Id : null;

    /// <summary>Highest resident memory seen over every run (VmHWM of each run, and the samples).</summary>
    public long PeakResidentBytes => Math.Max(_peakResidentBytes, _lastSample?.PeakResidentBytes ?? 0);

    /// <summary>CPU seconds over every run, as of the last sample.</summary>
    public double CpuSeconds => _cpuOfEarlierRuns + (_lastSample?.CpuSeconds ?? 0);

    public void Start()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(_dllPath)!,
        };
        start.ArgumentList.Add(_dllPath);
        foreach ((string key, string value) in _environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{HealthPort}");
        ForgetRun();
        if (_process is { } previous)
        {
            _retired.Add(previous);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => WriteLog(e.Data);
        _process.ErrorDataReceived += (_, e) => WriteLog(e.Data);
        Starts++;
        WriteLog($"---- harness: start #{Starts} of {Name} at {DateTime.UtcNow:O}");
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Log.ServiceStarted(_logger, Name, _process.Id, HealthPort, LogPath);
    }

    /// <summary>Waits until <c>/health</c> answers 200; throws (naming the log file) if the process exits or time runs out.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var uri = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{HealthPort}/health"));
        long started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            if (!IsRunning)
            {
                throw new InvalidOperationException($"{Name} exited while starting; its output is in {LogPath}:{Environment.NewLine}{Tail()}");
            }

            try
            {
                using HttpResponseMessage response = await Http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // not listening yet
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"{Name} was not healthy within {timeout}; its output is in {LogPath}:{Environment.NewLine}{Tail()}");
    }

    /// <summary>SIGKILL (<c>kill -9</c>) of this process, as a crash would end it; waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        Sample();
        process.Kill();
        await process.WaitForExitAsync().WaitAsync(ExitTimeout).ConfigureAwait(false);
        WriteLog($"---- harness: killed {Name} (SIGKILL) at {DateTime.UtcNow:O}");
        Log.ServiceKilled(_logger, Name, process.Id);
    }

    /// <summary>SIGTERM and wait for a clean stop; SIGKILL if it takes longer than <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        Sample();
        using (Process term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync().WaitAsync(ExitTimeout).ConfigureAwait(false);
        }

        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            process.Kill();
            await process.WaitForExitAsync().WaitAsync(ExitTimeout).ConfigureAwait(false);
        }
    }

    /// <summary>Reads memory and CPU now (no-op once exited); the figures are kept for the totals.</summary>
    public ProcessSample? Sample()
    {
        if (_process is not { HasExited: false } process || ProcessSample.TryRead(process.Id) is not { } sample)
        {
            return null;
        }

        _lastSample = sample;
        _peakResidentBytes = Math.Max(_peakResidentBytes, Math.Max(sample.ResidentBytes, sample.PeakResidentBytes));
        return sample;
    }

    /// <summary>The last lines of the log file, for failure messages.</summary>
    public string Tail(int lines = 30)
    {
        lock (_logGate)
        {
            _log.Flush();
        }

        using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var tail = new Queue<string>(lines);
        while (reader.ReadLine() is { } line)
        {
            if (tail.Count == lines)
            {
                tail.Dequeue();
            }

            tail.Enqueue(line);
        }

        return string.Join(Environment.NewLine, tail);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        if (_process is { } process)
        {
            process.WaitForExit(); // lets the output readers finish before the log closes
            process.Dispose();
        }

        _retired.ForEach(retired => retired.Dispose());

        lock (_logGate)
        {
            _logClosed = true;
            _log.Dispose();
        }
    }

    /// <summary>Moves the finished run's CPU into the total before a new run starts counting from zero.</summary>
    private void ForgetRun()
    {
        _cpuOfEarlierRuns += _lastSample?.CpuSeconds ?? 0;
        _lastSample = null;
    }

    private void WriteLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }
    }
}
