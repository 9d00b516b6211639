using Microsoft.Extensions.Configuration;

namespace F2.Integrations.Kafka;

/// <summary>
/// The replica's <c>service.instance.id</c> as its orchestrator gives it in <c>OTEL_RESOURCE_ATTRIBUTES</c>
/// (<c>key=value,key=value</c>), used as its static group membership id when
/// <see cref="KafkaOptions.ConsumerGroupInstanceIdFromServiceInstance"/> asks for it.
/// </summary>
public static class ServiceInstanceId
{
    public const string ResourceAttributes = "OTEL_RESOURCE_ATTRIBUTES";

    public const string Attribute = "service.instance.id";

    /// <summary>Sets <see cref="KafkaOptions.ConsumerGroupInstanceId"/> from the resource attributes when asked and not set.</summary>
    public static void ApplyTo(KafkaOptions options, IConfiguration configuration)
    {
        if (options.ConsumerGroupInstanceIdFromServiceInstance && string.IsNullOrEmpty(options.ConsumerGroupInstanceId))
        {
            options.ConsumerGroupInstanceId = From(configuration[ResourceAttributes]);
        }
    }

    /// <summary>The value of <c>service.instance.id</c> in a resource attribute list, or null.</summary>
    public static string? From(string? resourceAttributes) =>
        (resourceAttributes ?? "").Split(',', StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0].Trim() == Attribute && pair[1].Trim().Length > 0)
            .Select(pair => Uri.UnescapeDataString(pair[1].Trim()))
            .FirstOrDefault();
}
