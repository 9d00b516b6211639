using F2.Doors;
using F2.Integrations.Kafka;
using F2.Protocol;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Registers F2.Doors: <c>decoded_iot_data</c> to <c>door_events</c> (spec door-events.md). Needs
/// <c>ConnectionStrings:kafka</c>, <c>ConnectionStrings:devicedb</c> (<c>door_settings</c>) and
/// <c>ConnectionStrings:telemetrydb</c> (<c>door_events</c> and the stage's state).
/// </summary>
public static class DoorsExtensions
{
    public static TBuilder AddDoors<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddKeyedNpgsqlDataSource(DoorsDatabases.DeviceDb);
        builder.AddKeyedNpgsqlDataSource(DoorsDatabases.TelemetryDb);
        builder.AddKafkaClients([KafkaTopics.Decoded]);
        builder.Services.AddOptions<DoorsOptions>()
            .BindConfiguration(DoorsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.Configure<HostOptions>(host => host.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DoorsMetrics>();
        builder.Services.AddSingleton<DoorsHealth>();
        builder.Services.AddSingleton<DoorSettingsCache>();
        builder.Services.AddSingleton<DoorsSchemaState>();
        builder.Services.AddHostedService<DoorsWorker>();
        builder.Services.AddHostedService<DoorSettingsRefresher>();
        builder.Services.AddHealthChecks().AddCheck<DoorsHealth>("doors");
        return builder;
    }
}
