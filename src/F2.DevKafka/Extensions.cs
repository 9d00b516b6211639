namespace F2.DevKafka;

public static class Extensions
{
    /// <summary>Registers the development Kafka stand-in (librdkafka mock cluster), its options and its health check.</summary>
    public static IHostApplicationBuilder AddDevKafka(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DevKafkaOptions>()
            .BindConfiguration(DevKafkaOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(options => System.Net.IPAddress.TryParse(options.BindAddress, out _),
                "DevKafka:BindAddress must be an IP address, e.g. 127.0.0.1.")
            .ValidateOnStart();
        builder.Services.AddSingleton<DevKafkaStandIn>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DevKafkaStandIn>());
        builder.Services.AddSingleton<DevKafkaHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<DevKafkaHealthCheck>("dev-kafka");
        return builder;
    }
}
