using F2.Integrations.DeviceParameters;
using F2.Protocol;
using Microsoft.Extensions.Options;

namespace F2.Decoder;

/// <summary>
/// Delivery promise: offsets are committed only after the decoded record or the dead-letter record for each source
/// record has been acknowledged by Kafka.
/// Consuming starts once the device parameters have loaded, so a devicedb outage at start-up means waiting, not
/// dead-lettering everything as <c>params_missing</c>.
/// </summary>
internal sealed class DecoderWorker(
    IDeviceParameterSource parameters,
    ConsumeLoop loop,
    DecoderStatus status,
    IOptions<DecoderOptions> options,
    ILogger<DecoderWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            Log.WaitingForParameters(logger);
            await parameters.WaitUntilLoadedAsync(stoppingToken);
            status.ParametersLoaded = true;
            Log.Consuming(logger, parameters.Current.Count, KafkaTopics.Raw, options.Value.ConsumerGroup);
            await Task.Factory.StartNew(() => loop.Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            Log.Failed(logger, exception);
            Environment.ExitCode = 1;
            throw;
        }
    }
}
