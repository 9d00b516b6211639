using F2.Integrations.DeviceParameters;

namespace Microsoft.Extensions.DependencyInjection;

public static class DeviceParameterServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DeviceParameterCache"/> as the <see cref="IDeviceParameterSource"/> (a hosted service) with
    /// its options and health check. Needs an <c>NpgsqlDataSource</c> for <c>devicedb</c> in the container
    /// (<c>builder.AddNpgsqlDataSource("devicedb")</c>).
    /// </summary>
    public static IServiceCollection AddDeviceParameterCache(this IServiceCollection services)
    {
        services.AddOptions<DeviceParameterCacheOptions>()
            .BindConfiguration(DeviceParameterCacheOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DeviceParameterCache>();
        services.AddSingleton<IDeviceParameterSource>(provider => provider.GetRequiredService<DeviceParameterCache>());
        services.AddHostedService(provider => provider.GetRequiredService<DeviceParameterCache>());
        services.AddHealthChecks().AddCheck<DeviceParameterHealthCheck>("device-parameters");
        return services;
    }
}
