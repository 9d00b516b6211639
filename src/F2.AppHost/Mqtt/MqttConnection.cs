using F2.AppHost.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace F2.AppHost.Mqtt;

/// <summary>The <c>mqtt</c> connection string (<c>mqtt://user:password@host:port</c>) for a broker the AppHost runs.</summary>
internal static class MqttConnection
{
    public static IResourceBuilder<IResourceWithConnectionString> AddMqttConnectionString<T>(
        this IDistributedApplicationBuilder builder, IResourceBuilder<T> broker, string host, F2Secrets secrets)
        where T : IResourceWithEndpoints
    {
        var port = broker.GetEndpoint("tcp").Property(EndpointProperty.Port);
        var mqtt = builder.AddConnectionString("mqtt", ReferenceExpression.Create(
                $"mqtt://{secrets.MqttUser:uri}:{secrets.MqttPassword:uri}@{host}:{port}"))
            .WithParentRelationship(broker.Resource)
            .WaitFor(builder.CreateResourceBuilder<IResource>(broker.Resource));
        return builder.CreateResourceBuilder<IResourceWithConnectionString>(mqtt.Resource);
    }

    /// <summary>Runs <paramref name="writeFiles"/> with the service account's credentials just before the broker starts.</summary>
    public static void WriteFilesBeforeStart<T>(
        this IResourceBuilder<T> broker, F2Secrets secrets, Func<MqttAccount, ILogger, CancellationToken, Task> writeFiles)
        where T : IResource
    {
        broker.ApplicationBuilder.Eventing.Subscribe<BeforeResourceStartedEvent>(broker.Resource, async (starting, cancellationToken) =>
        {
            var account = new MqttAccount(
                await secrets.MqttUser.Resource.GetValueAsync(cancellationToken) ?? "",
                await secrets.MqttPassword.Resource.GetValueAsync(cancellationToken) ?? "");
            var logger = starting.Services.GetRequiredService<ResourceLoggerService>().GetLogger(broker.Resource);
            await writeFiles(account, logger, cancellationToken);
        });
    }
}

/// <summary>The services' MQTT account (Ingest and Simulator); never printed with its password.</summary>
internal sealed record MqttAccount(string User, string Password)
{
    public override string ToString() => User;
}
