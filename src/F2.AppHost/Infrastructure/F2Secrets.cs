namespace F2.AppHost.Infrastructure;

/// <summary>
/// Credentials of the brokers and databases the AppHost runs itself. Generated on first run and kept in the
/// AppHost's user secrets (<c>Parameters:mqtt-password</c>, <c>Parameters:postgres-password</c>); set them there
/// or as <c>Parameters__mqtt-password</c> to choose your own.
/// </summary>
internal sealed record F2Secrets(
    IResourceBuilder<ParameterResource> MqttUser,
    IResourceBuilder<ParameterResource> MqttPassword,
    IResourceBuilder<ParameterResource> PostgresPassword)
{
    public static F2Secrets Add(IDistributedApplicationBuilder builder) => new(
        builder.AddParameter("mqtt-user", "f2"),
        builder.AddParameter("mqtt-password", Generated(), secret: true, persist: true),
        builder.AddParameter("postgres-password", Generated(), secret: true, persist: true));

    // Letters and digits only: the values go into a URI and a libpq string unescaped.
    private static GenerateParameterDefault Generated() => new() { MinLength = 24, Special = false };
}
