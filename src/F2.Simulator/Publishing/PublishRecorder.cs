using System.Diagnostics;

namespace F2.Simulator.Publishing;

/// <summary>Where each publish ends, exactly once: published (its span ends) or failed (counted, span marked, logged at Debug).</summary>
internal sealed class PublishRecorder(SimulatorTelemetry telemetry, ILogger logger)
{
    public static void Succeeded(PendingPublish publish) => publish.Span?.Stop();

    /// <summary>Counts <paramref name="count"/> published messages (their spans ended through <see cref="Succeeded"/>).</summary>
    public void Published(int count) => telemetry.RecordPublished(count);

    public void Failed(PendingPublish publish, string errorType, Exception? exception)
    {
        telemetry.RecordFailure(errorType);
        publish.Span?.SetStatus(ActivityStatusCode.Error, errorType);
        publish.Span?.Stop();
        Log.PublishFailed(logger, publish.Topic, errorType, exception);
    }
}
