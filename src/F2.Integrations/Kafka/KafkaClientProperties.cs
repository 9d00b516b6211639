using Confluent.Kafka;

namespace F2.Integrations.Kafka;

/// <summary>
/// Which extra librdkafka properties <see cref="KafkaOptions.ClientProperties"/> may set: security and connection
/// settings only, so that a managed cluster (SASL, TLS) can be reached without letting configuration undo acks=all,
/// idempotence or the commit discipline.
/// </summary>
public static class KafkaClientProperties
{
    public const string Description =
        "security.protocol, sasl.*, ssl.*, socket.*, client.dns.lookup, broker.address.family, connections.max.idle.ms, reconnect.backoff*, metadata.max.age.ms";

    private static readonly string[] AllowedPrefixes = ["sasl.", "ssl.", "socket.", "reconnect.backoff"];

    private static readonly HashSet<string> AllowedNames = new(StringComparer.Ordinal)
    {
        "security.protocol", "client.dns.lookup", "broker.address.family", "connections.max.idle.ms", "metadata.max.age.ms",
    };

    public static bool IsAllowed(string name) =>
        AllowedNames.Contains(name) || AllowedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>Sets the allowed extra properties on <paramref name="config"/>; a refused one throws (options validation refuses it first).</summary>
    public static T Apply<T>(KafkaOptions options, T config)
        where T : ClientConfig
    {
        foreach ((string name, string value) in options.ClientProperties)
        {
            if (!IsAllowed(name))
            {
                throw new ArgumentException($"Kafka:ClientProperties:{name} is not allowed: only {Description} may be set.", nameof(options));
            }

            config.Set(name, value);
        }

        return config;
    }
}
