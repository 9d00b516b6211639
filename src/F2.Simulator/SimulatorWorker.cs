using System.Diagnostics;
using F2.Integrations.Mqtt;
using F2.Simulator.Generation;
using F2.Simulator.Publishing;
using Microsoft.Extensions.Options;

namespace F2.Simulator;

/// <summary>
/// Plays a fleet of F2 controllers against the MQTT broker at the configured rate, then stops the host.
/// Delivery promise: each generated message is published once at the configured QoS and counts as published when the
/// broker has acknowledged it (QoS 1 and 2) or it was sent (QoS 0); a failed publish is counted in
/// <c>f2.simulator.publish.failures</c> and not retried.
/// </summary>
internal sealed class SimulatorWorker(
    IOptions<SimulatorOptions> options,
    IConfiguration configuration,
    DeviceParameterSeeder seeder,
    SimulatorTelemetry telemetry,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<SimulatorWorker> logger) : BackgroundService
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await SimulateAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            Log.SimulatorFailed(logger, ex);
            telemetry.MarkRunFailed();
            throw;
        }
    }

    private async Task SimulateAsync(CancellationToken stoppingToken)
    {
        SimulatorOptions settings = options.Value;
        if (!MqttConnectionString.TryParse(configuration.GetConnectionString("mqtt"), out MqttConnectionString? mqtt, out string? error))
        {
            Log.ConnectionStringInvalid(logger, "mqtt", error);
            StopWithFailure();
            return;
        }

        DoorTrafficOptions doors = settings.Doors;
        using GroundTruthFile? truth = string.IsNullOrEmpty(doors.GroundTruthFile) ? null : new GroundTruthFile(doors.GroundTruthFile);
        MessageGenerator generator = MessageGenerator.Create(settings, clock, truth);
        Log.DoorAnomalies(
            logger, doors.ForcedOpenShare, doors.HeldOpenShare, doors.DeniedCardShare, doors.UnexplainedUnlockShare, doors.FailedRelockShare,
            doors.QuietExitShare, doors.UnusedGrantShare, truth?.Path ?? "(not written)");
        string models = string.Join(", ", generator.Devices.GroupBy(d => d.Model.Name).Select(g => $"{g.Key} x{g.Count()}"));
        Log.RunStarting(logger, settings.Devices, models, settings.TargetRate, settings.Duration, settings.Qos, settings.Seed);
        if (settings.WriteDeviceParameters && !await seeder.TryWriteAsync(generator.Devices, stoppingToken))
        {
            StopWithFailure();
            return;
        }

        await using MqttPublisher? publisher = await MqttPublisher.ConnectAsync(
            clientId => MqttClientOptionsFactory.CreateBuilder(mqtt, clientId).WithCleanStart().WithTimeout(ConnectTimeout).Build(),
            settings,
            telemetry,
            logger,
            stoppingToken);
        if (publisher is null)
        {
            Log.CannotConnect(logger, mqtt.ToString(), settings.ConnectAttempts);
            StopWithFailure();
            return;
        }

        Log.Connected(logger, settings.Connections, mqtt.ToString(), publisher.InFlightPerConnection);
        await RunAsync(generator, publisher, settings, stoppingToken);
        if (!stoppingToken.IsCancellationRequested)
        {
            await publisher.DisconnectAsync();
            lifetime.StopApplication();
        }
    }

    private async Task RunAsync(MessageGenerator generator, MqttPublisher publisher, SimulatorOptions settings, CancellationToken stoppingToken)
    {
        using var durationEnd = settings.Duration > TimeSpan.Zero ? new CancellationTokenSource(settings.Duration, clock) : new CancellationTokenSource();
        using var reporting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        long start = Stopwatch.GetTimestamp();
        TimeSpan startCpu = Environment.CpuUsage.TotalTime;
        Task report = ReportAsync(settings.ReportInterval, reporting.Token);
        try
        {
            await publisher.RunAsync(generator, new RatePacer(settings.TargetRate, clock), settings.MessageCount, durationEnd.Token, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: what was published is reported below.
        }

        await reporting.CancelAsync();
        await report;
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        long published = telemetry.Published;
        Log.RunCompleted(
            logger, published, seconds, published / seconds, settings.TargetRate, telemetry.Failures, CpuPerMessage(Environment.CpuUsage.TotalTime - startCpu, published));
    }

    private async Task ReportAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        long last = 0;
        TimeSpan lastCpu = Environment.CpuUsage.TotalTime;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                long published = telemetry.Published;
                TimeSpan cpu = Environment.CpuUsage.TotalTime;
                Log.Progress(
                    logger, published, (published - last) / interval.TotalSeconds, interval, telemetry.Failures, CpuPerMessage(cpu - lastCpu, published - last));
                (last, lastCpu) = (published, cpu);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    /// <summary>The simulator process's CPU time (user and system, all threads) per published message, in microseconds.</summary>
    private static double CpuPerMessage(TimeSpan cpu, long messages) => messages > 0 ? cpu.TotalMicroseconds / messages : 0;

    private void StopWithFailure()
    {
        telemetry.MarkRunFailed();
        lifetime.StopApplication();
    }
}
