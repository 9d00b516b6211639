using F2.Simulator;

namespace Microsoft.Extensions.Hosting;

public static class SimulatorExtensions
{
    /// <summary>
    /// Registers the device simulator: options section <c>Simulator</c> (validated at start), its telemetry and the
    /// <see cref="SimulatorWorker"/>, which stops the host when the run is over.
    /// </summary>
    public static TBuilder AddSimulator<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<SimulatorOptions>()
            .BindConfiguration(SimulatorOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SimulatorTelemetry>();
        builder.Services.AddSingleton<DeviceParameterSeeder>();
        builder.Services.AddHostedService<SimulatorWorker>();
        return builder;
    }
}
