using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using F2.AppHost;
using F2.Integrations.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace F2.Tests.AppHost;

/// <summary>
/// Replicas of the consuming services are static group members (issue 12 point 1): each has its own
/// <c>group.instance.id</c>, and a replica that restarts comes back with the same one.
/// </summary>
[Collection(LocalAppCollection.Name)]
public sealed class LocalModeReplicaTests
{
    private static readonly string[] Consumers = ["decoder", "sink", "doors"];

    [Fact]
    public async Task EachReplicaJoinsItsGroupWithItsOwnInstanceIdAndARestartedReplicaKeepsIt()
    {
        using var state = new TestStateFolder();
        using var timeout = new CancellationTokenSource(LocalAppFixture.StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.F2_AppHost>(
            AppHostArgs.For("Local", state.Path, "--F2:Simulator=false", "--F2:DecoderReplicas=2", "--F2:SinkReplicas=2", "--F2:DoorsReplicas=2"),
            timeout.Token);
        await using var app = await builder.WithQuietResourceLogs().BuildAsync(timeout.Token).WaitAsync(timeout.Token);
        await app.StartAsync(timeout.Token).WaitAsync(timeout.Token);

        var replicas = await RunningReplicasAsync(app, Consumers, replicasEach: 2, except: null, timeout.Token);
        var ids = replicas.ToDictionary(pair => pair.Key, pair => InstanceId(pair.Value.Pid));
        Assert.All(ids, pair => Assert.False(string.IsNullOrEmpty(pair.Value), $"{pair.Key} has no instance id"));
        Assert.Equal(ids.Count, ids.Values.Distinct(StringComparer.Ordinal).Count());

        var restarted = replicas.First(pair => pair.Value.Service == "decoder");
        var result = await app.Services.GetRequiredService<ResourceCommandService>()
            .ExecuteCommandAsync(restarted.Key, KnownResourceCommands.RestartCommand, timeout.Token).WaitAsync(timeout.Token);
        Assert.True(result.Success, result.Message);

        var after = await RunningReplicasAsync(app, ["decoder"], replicasEach: 2, except: restarted.Value.Pid, timeout.Token);
        Assert.NotEqual(restarted.Value.Pid, after[restarted.Key].Pid);
        Assert.Equal(ids[restarted.Key], InstanceId(after[restarted.Key].Pid));
    }

    private sealed record Replica(string Service, int Pid);

    /// <summary>Waits until each service has <paramref name="replicasEach"/> running replicas, none with pid <paramref name="except"/>.</summary>
    private static async Task<Dictionary<string, Replica>> RunningReplicasAsync(
        DistributedApplication app, string[] services, int replicasEach, int? except, CancellationToken cancellationToken)
    {
        var running = new Dictionary<string, Replica>(StringComparer.Ordinal);
        await foreach (var update in app.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (!services.Contains(update.Resource.Name))
            {
                continue;
            }

            running.Remove(update.ResourceId);
            if (update.Snapshot.State?.Text == KnownResourceStates.Running && Pid(update.Snapshot) is { } pid && pid != except)
            {
                running[update.ResourceId] = new Replica(update.Resource.Name, pid);
            }

            if (services.All(service => running.Values.Count(replica => replica.Service == service) == replicasEach))
            {
                return running;
            }
        }

        throw new OperationCanceledException(cancellationToken);
    }

    private static int? Pid(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value is { } value
            ? Convert.ToInt32(value, CultureInfo.InvariantCulture)
            : null;

    /// <summary>
    /// The group instance id the process joins with: its <c>service.instance.id</c>, when the AppHost asked it to take
    /// that (<see cref="F2Services.GroupInstanceIdFromServiceInstanceSetting"/>), as the orchestrator resolved it.
    /// </summary>
    private static string? InstanceId(int pid)
    {
        var environment = File.ReadAllText($"/proc/{pid}/environ").Split('\0')
            .Select(entry => entry.Split('=', 2)).Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Last()[1], StringComparer.Ordinal);
        return environment.GetValueOrDefault(F2Services.GroupInstanceIdFromServiceInstanceSetting) == "true"
            ? ServiceInstanceId.From(environment.GetValueOrDefault(ServiceInstanceId.ResourceAttributes))
            : null;
    }
}
