namespace Microsoft.Extensions.Hosting;

/// <summary>Registers F2.Doors: <c>decoded_iot_data</c> to <c>door_events</c>.</summary>
public static class DoorsExtensions
{
    public static TBuilder AddDoors<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        return builder;
    }
}
