using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace F2.Integrations.Kafka;

public static class KafkaHostingExtensions
{
    /// <summary>
    /// Registers <see cref="KafkaOptions"/> (validated at start, together with the presence of
    /// <c>ConnectionStrings:&lt;connectionName&gt;</c>), a singleton <see cref="KafkaClientFactory"/> and the
    /// <c>kafka</c> health check, which also requires <paramref name="requiredTopics"/> to exist.
    /// </summary>
    public static IHostApplicationBuilder AddKafkaClients(
        this IHostApplicationBuilder builder, IReadOnlyList<string> requiredTopics, string connectionName = "kafka")
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<KafkaOptions>()
            .BindConfiguration(KafkaOptions.SectionName)
            .PostConfigure<IConfiguration>(ServiceInstanceId.ApplyTo)
            .ValidateDataAnnotations()
            .Validate(
                options => !options.ConsumerGroupInstanceIdFromServiceInstance || !string.IsNullOrEmpty(options.ConsumerGroupInstanceId),
                $"Kafka:ConsumerGroupInstanceIdFromServiceInstance is set, but {ServiceInstanceId.ResourceAttributes} names no {ServiceInstanceId.Attribute}: set Kafka:ConsumerGroupInstanceId instead.")
            .Validate<IConfiguration>(
                (_, configuration) => !string.IsNullOrWhiteSpace(configuration.GetConnectionString(connectionName)),
                $"ConnectionStrings:{connectionName} is missing: set it to the Kafka bootstrap servers (host:port[,host:port]).")
            .ValidateOnStart();
        builder.Services.AddSingleton(services => new KafkaClientFactory(
            services.GetRequiredService<IConfiguration>().GetConnectionString(connectionName)!,
            services.GetRequiredService<IOptions<KafkaOptions>>().Value,
            services.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddSingleton(services =>
            new KafkaHealthCheck(services.GetRequiredService<KafkaClientFactory>(), requiredTopics));
        builder.Services.AddSingleton<ConsumerGroupHealth>();
        builder.Services.AddHealthChecks().AddCheck<KafkaHealthCheck>("kafka");
        return builder;
    }
}
