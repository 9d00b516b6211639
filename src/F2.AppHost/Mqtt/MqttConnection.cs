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

    /// <summary>Writes the broker's configuration and password file just before it starts (the password is a secret parameter).</summary>
    public static void WriteFilesBeforeStart<T>(
        this IResourceBuilder<T> broker, string configFolder, MosquittoSetup setup, F2Secrets secrets, UnixFileMode passwordFileMode,
        Func<ILogger, CancellationToken, Task>? afterWrite = null)
        where T : IResource
    {
        broker.ApplicationBuilder.Eventing.Subscribe<BeforeResourceStartedEvent>(broker.Resource, async (starting, cancellationToken) =>
        {
            var user = await secrets.MqttUser.Resource.GetValueAsync(cancellationToken) ?? "";
            var password = await secrets.MqttPassword.Resource.GetValueAsync(cancellationToken) ?? "";
            await MosquittoFiles.WriteAsync(configFolder, setup, user, password, passwordFileMode, cancellationToken);
            if (afterWrite is not null)
            {
                var logger = starting.Services.GetRequiredService<ResourceLoggerService>().GetLogger(broker.Resource);
                await afterWrite(logger, cancellationToken);
            }
        });
    }
}
