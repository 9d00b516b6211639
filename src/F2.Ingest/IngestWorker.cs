using Microsoft.Extensions.Options;

namespace F2.Ingest;

/// <summary>
/// Delivery promise: an MQTT message is acknowledged only after Kafka acknowledged its record (raw, or dead-letter
/// for an invalid topic / oversized payload).
/// QoS 0 messages cannot be acknowledged: they are forwarded the same way, one in hand when Ingest dies is lost, and
/// one that arrives while the window is full is dropped and counted, as QoS 0 allows. QoS 2 messages reach Ingest at QoS 1 (its subscription's QoS) and are handled exactly like QoS 1.
/// Retained messages are forwarded like any other (the broker sends them only when the subscription
/// is new); the sink's natural key makes a replayed one a duplicate, not a second row.
/// </summary>
internal sealed class IngestWorker(
    MqttConnection connection,
    MessageIntake intake,
    KafkaForwarder forwarder,
    IngestStatus status,
    IOptions<IngestOptions> options,
    ILogger<IngestWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            Log.Failed(logger, exception);
            Environment.ExitCode = 1;
            throw;
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        using var abandon = new CancellationTokenSource();
        using var stopConnecting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var forwarding = forwarder.RunAsync(intake.Reader, abandon.Token);
        var connecting = connection.RunAsync(stopConnecting.Token);
        try
        {
            // Normally the connection loop runs until stop; either task ending early means a failure to surface.
            await Task.WhenAny(connecting, forwarding);
        }
        finally
        {
            await StopAsync(stopConnecting, abandon, forwarding);
        }

        await connecting;
        if (forwarding.IsFaulted)
        {
            await forwarding;
        }
    }

    /// <summary>Stops taking messages, lets the in-flight ones finish (within the drain timeout), then disconnects.</summary>
    private async Task StopAsync(CancellationTokenSource stopConnecting, CancellationTokenSource abandon, Task forwarding)
    {
        Log.Draining(logger, status.InFlight);
        intake.Complete();
        await stopConnecting.CancelAsync();
        abandon.CancelAfter(options.Value.DrainTimeout);
        await forwarding.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (abandon.IsCancellationRequested)
        {
            Log.DrainTimedOut(logger, status.InFlight, options.Value.DrainTimeout);
        }

        using var disconnectTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await connection.DisconnectAsync(disconnectTimeout.Token);
        Log.Stopped(logger);
    }
}
