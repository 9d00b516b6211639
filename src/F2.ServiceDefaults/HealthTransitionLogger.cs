using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace F2.ServiceDefaults;

/// <summary>
/// Logs a service's health when it changes, not at every probe: a Warning when it turns Degraded or Unhealthy (naming
/// the failing checks and their descriptions, with a check's exception), Information when it is Healthy again (or at last, after starting). While a
/// service starts, the first report that is not Healthy is only Information (warming up is expected); a second one
/// before it was ever Healthy is a Warning, so a start that cannot complete is reported within one publish period.
/// Runs as an <see cref="IHealthCheckPublisher"/> (every 30 s by default).
/// </summary>
internal sealed class HealthTransitionLogger(ILogger<HealthTransitionLogger> logger) : IHealthCheckPublisher
{
    private bool _everHealthy;
    private bool _startReported;
    private string? _lastProblem;

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Status == HealthStatus.Healthy)
        {
            if (_lastProblem is not null || _startReported)
            {
                Log.Healthy(logger);
            }

            _everHealthy = true;
            _startReported = false;
            _lastProblem = null;
            return Task.CompletedTask;
        }

        var failing = report.Entries.Where(entry => entry.Value.Status != HealthStatus.Healthy).ToList();
        string problem = string.Join("; ", failing.Select(entry => $"{entry.Key} {entry.Value.Status}"));
        string details = string.Join("; ", failing.Select(entry => $"{entry.Key} {entry.Value.Status}: {entry.Value.Description}"));
        Exception? exception = failing.Select(entry => entry.Value.Exception).FirstOrDefault(e => e is not null);
        if (!_everHealthy && !_startReported)
        {
            Log.NotHealthyYet(logger, report.Status, details, exception);
            _startReported = true;
        }
        else if (!_everHealthy && _lastProblem is null)
        {
            Log.StillNotHealthy(logger, report.Status, details, exception);
            _lastProblem = problem;
        }
        else if (_everHealthy && problem != _lastProblem)
        {
            Log.NotHealthy(logger, report.Status, details, exception);
            _lastProblem = problem;
        }

        return Task.CompletedTask;
    }
}
