using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace F2.Tests.AppHost;

/// <summary>Stopping the app (Ctrl+C or the test host) leaves no Mosquitto or PostgreSQL process behind.</summary>
[Collection(LocalAppCollection.Name)]
public sealed class LocalModeShutdownTests
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task StoppingTheAppLeavesNoMosquittoOrPostgresProcess()
    {
        using var state = new TestStateFolder();
        using var timeout = new CancellationTokenSource(LocalAppFixture.StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.F2_AppHost>(
            AppHostArgs.For("Local", state.Path, "--F2:Simulator=false"), timeout.Token);
        var app = await builder.WithQuietResourceLogs().BuildAsync(timeout.Token).WaitAsync(timeout.Token);
        await app.StartAsync(timeout.Token).WaitAsync(timeout.Token);

        var mosquitto = await app.ResourceNotifications.WaitForResourceHealthyAsync("mosquitto", timeout.Token).WaitAsync(timeout.Token);
        var postgres = await app.ResourceNotifications.WaitForResourceHealthyAsync("postgres", timeout.Token).WaitAsync(timeout.Token);
        int[] pids = [Pid(mosquitto.Snapshot), Pid(postgres.Snapshot), PostmasterPid(state.Path)];
        Assert.All(pids, pid => Assert.True(ProcessTable.IsAlive(pid), $"pid {pid} should run while the app runs"));

        await app.StopAsync(timeout.Token).WaitAsync(timeout.Token);
        await app.DisposeAsync().AsTask().WaitAsync(timeout.Token);

        var left = await ProcessTable.WaitUntilGoneAsync(pids, state.Path, StopGrace);
        Assert.Empty(left);
    }

    private static int Pid(CustomResourceSnapshot snapshot) =>
        Convert.ToInt32(snapshot.Properties.Single(property => property.Name == "executable.pid").Value, CultureInfo.InvariantCulture);

    private static int PostmasterPid(string stateFolder) =>
        int.Parse(File.ReadLines(Path.Combine(stateFolder, "postgres", "data", "postmaster.pid")).First(), CultureInfo.InvariantCulture);
}
