using System.Globalization;
using F2.AppHost.Infrastructure;

namespace F2.AppHost.Local;

/// <summary>
/// Local mode's Kafka: the development Kafka stand-in (librdkafka mock cluster) in the F2.DevKafka process
/// (resource <c>devkafka</c>). It is not Kafka: no durability across restarts, topic admin calls do not work.
/// The <c>kafka</c> connection string points at its bootstrap port so services use it as they would Kafka.
/// </summary>
internal static class DevKafka
{
    public const string Role = "development Kafka stand-in (librdkafka mock cluster); not Kafka, for local development only";

    public static IResourceBuilder<IResourceWithConnectionString> AddDevKafka(this IDistributedApplicationBuilder builder, F2Options options)
    {
        var port = FreePort.Resolve(options.Ports.Kafka);
        var standIn = builder.AddProject<Projects.F2_DevKafka>("devkafka", launchProfileName: null)
            .WithHttpEndpoint(port: FreePort.OrAny(options.Ports.DevKafka))
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: "bootstrap", env: "DevKafka__Port", isProxied: false)
            .WithProbedHealth()
            .WithEnvironment("F2_ROLE", Role)
            .WithEnvironment("DevKafka__PartitionsPerTopic", options.KafkaPartitions.ToString(CultureInfo.InvariantCulture))
            .WithUrlForEndpoint("bootstrap", url => url.DisplayText = "bootstrap (development Kafka stand-in)")
            .WithIconName("Beaker");

        var bootstrap = standIn.GetEndpoint("bootstrap").Property(EndpointProperty.Port);
        var kafka = builder.AddConnectionString("kafka", ReferenceExpression.Create($"127.0.0.1:{bootstrap}"))
            .WithParentRelationship(standIn)
            .WaitFor(standIn);
        return builder.CreateResourceBuilder<IResourceWithConnectionString>(kafka.Resource);
    }
}
