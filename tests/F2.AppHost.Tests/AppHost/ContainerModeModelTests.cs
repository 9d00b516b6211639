using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace F2.Tests.AppHost;

/// <summary>
/// Given container mode forced (F2:Mode=Containers), the app model declares the containers, images, volumes,
/// endpoints and references a Docker machine would run. Built, never started: this machine has no container runtime.
/// </summary>
public sealed class ContainerModeModelTests : IAsyncLifetime
{
    private BuiltAppModel _app = null!;

    public async Task InitializeAsync() => _app = await BuiltAppModel.BuildAsync("Containers", "--F2:DecoderReplicas=3", "--F2:SinkReplicas=2", "--F2:DoorsReplicas=2");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private DistributedApplicationModel Model => _app.Model;

    private T Resource<T>(string name) where T : IResource => _app.Resource<T>(name);

    [Fact]
    public void InfrastructureIsContainersOnlyWithNoLocalProcess()
    {
        Assert.DoesNotContain(Model.Resources, resource => resource is ExecutableResource and not IResourceWithParent { Parent: ProjectResource });
        Assert.DoesNotContain(Model.Resources, resource => resource.Name == "devkafka");
        Assert.Equal(
            ["devicedb-server", "kafka-broker", "kafka-topics", "mosquitto", "telemetrydb-server"],
            Model.Resources.OfType<ContainerResource>().Select(resource => resource.Name).Order());
    }

    [Fact]
    public void MosquittoRunsVersion2WithGeneratedConfigAndPersistentStore()
    {
        var mosquitto = Resource<ContainerResource>("mosquitto");

        AssertImage(mosquitto, "eclipse-mosquitto", "2");
        var mounts = mosquitto.Annotations.OfType<ContainerMountAnnotation>().ToList();
        Assert.Contains(mounts, mount => mount.Target == "/mosquitto/config" && mount.Type == ContainerMountType.BindMount && mount.IsReadOnly
            && mount.Source == Path.Combine(_app.StateFolder, "mosquitto", "config"));
        Assert.Contains(mounts, mount => mount.Target == "/mosquitto/data" && mount.Type == ContainerMountType.Volume);
        Assert.Equal(1883, Endpoint(mosquitto, "tcp").TargetPort);
    }

    [Fact]
    public async Task KafkaIsOneKRaftNodeWithoutZooKeeperAndCreatesThePipelineTopics()
    {
        var broker = Resource<ContainerResource>("kafka-broker");
        var environment = (await PublishedConfigurationAsync(broker)).EnvironmentVariables.ToDictionary();

        AssertImage(broker, "apache/kafka", null);
        Assert.Equal("broker,controller", environment["KAFKA_PROCESS_ROLES"]);
        Assert.Equal("false", environment["KAFKA_AUTO_CREATE_TOPICS_ENABLE"]);
        Assert.DoesNotContain(environment.Keys, key => key.Contains("ZOOKEEPER", StringComparison.Ordinal));
        Assert.Contains(broker.Annotations.OfType<ContainerMountAnnotation>(), mount => mount.Type == ContainerMountType.Volume && mount.Target == environment["KAFKA_LOG_DIRS"]);
        Assert.Equal(9092, Endpoint(broker, "tcp").TargetPort);

        var topics = Resource<ContainerResource>("kafka-topics");
        var script = string.Join(' ', (await PublishedConfigurationAsync(topics)).Arguments);
        Assert.All(["raw_iot_data", "decoded_iot_data", "dead_letter_iot_data"], topic => Assert.Contains($"--topic {topic} --partitions 6", script, StringComparison.Ordinal));
        Assert.Contains(WaitsFor(Resource<IResource>("kafka")), wait => wait.Resource == topics && wait.WaitType == WaitType.WaitForCompletion);
    }

    [Fact]
    public void DevicedbIsPostgresAndTelemetrydbIsTimescaleDbEachWithAVolume()
    {
        var deviceServer = Resource<ContainerResource>("devicedb-server");
        var telemetryServer = Resource<ContainerResource>("telemetrydb-server");

        AssertImage(deviceServer, "library/postgres", null);
        AssertImage(telemetryServer, "timescale/timescaledb", "latest-pg17");
        Assert.All([deviceServer, telemetryServer], server =>
            Assert.Contains(server.Annotations.OfType<ContainerMountAnnotation>(), mount => mount.Type == ContainerMountType.Volume
                && mount.Target.StartsWith("/var/lib/postgresql", StringComparison.Ordinal)));
        Assert.Same(deviceServer, Assert.IsAssignableFrom<IResourceWithParent>(Resource<IResource>("devicedb")).Parent);
        Assert.Same(telemetryServer, Assert.IsAssignableFrom<IResourceWithParent>(Resource<IResource>("telemetrydb")).Parent);
    }

    [Theory]
    [InlineData("ingest", new[] { "mqtt", "kafka" })]
    [InlineData("decoder", new[] { "kafka", "devicedb" })]
    [InlineData("sink", new[] { "kafka", "telemetrydb" })]
    [InlineData("doors", new[] { "kafka", "devicedb", "telemetrydb" })]
    [InlineData("simulator", new[] { "mqtt", "devicedb" })]
    public async Task EachServiceGetsItsConnectionStringsAndWaitsForThem(string service, string[] connections)
    {
        var project = Resource<ProjectResource>(service);
        var environment = (await PublishedConfigurationAsync(project)).EnvironmentVariables.ToDictionary();

        Assert.All(connections, name => Assert.Equal($"{{{name}.connectionString}}", environment[$"ConnectionStrings__{name}"]));
        Assert.Superset(connections.ToHashSet(), WaitsFor(project).Select(wait => wait.Resource.Name).ToHashSet());
        Assert.Contains(project.Annotations.OfType<HealthCheckAnnotation>(), check => check.Key.StartsWith(service, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("decoder")]
    [InlineData("sink")]
    [InlineData("doors")]
    public async Task KafkaClientsKeepTheirOwnEmptyFetchWaitAgainstAKafkaBroker(string service)
    {
        var environment = (await PublishedConfigurationAsync(Resource<ProjectResource>(service))).EnvironmentVariables.ToDictionary();

        Assert.DoesNotContain("Kafka__ConsumerFetchWait", environment.Keys);
        Assert.DoesNotContain("Kafka__ConsumerSessionTimeout", environment.Keys);
    }

    [Fact]
    public void SimulatorStartsAfterDecoderAndIngest()
    {
        var waits = WaitsFor(Resource<ProjectResource>("simulator")).Select(wait => wait.Resource.Name);

        Assert.Superset(new HashSet<string> { "decoder", "ingest" }, waits.ToHashSet());
    }

    [Fact]
    public void SimulatorWaitsOnlyForTheDecoderToStartBecauseTheDecoderIsUnhealthyUntilTheSimulatorSeedsItsParameters()
    {
        var decoder = Assert.Single(WaitsFor(Resource<ProjectResource>("simulator")), wait => wait.Resource.Name == "decoder");

        Assert.Equal(WaitType.WaitUntilStarted, decoder.WaitType);
    }

    [Fact]
    public void DecoderSinkAndDoorsReplicasFollowTheSettings()
    {
        Assert.Equal(3, Resource<ProjectResource>("decoder").GetReplicaCount());
        Assert.Equal(2, Resource<ProjectResource>("sink").GetReplicaCount());
        Assert.Equal(2, Resource<ProjectResource>("doors").GetReplicaCount());
    }

    [Fact]
    public void BrokerAndDatabasePasswordsAreSecretParameters()
    {
        Assert.All(["mqtt-password", "postgres-password"], name => Assert.True(Resource<ParameterResource>(name).Secret));
    }

    private static Task<IExecutionConfigurationResult> PublishedConfigurationAsync(IResource resource) => BuiltAppModel.PublishedConfigurationAsync(resource);

    private static void AssertImage(ContainerResource container, string image, string? tag)
    {
        var annotation = container.Annotations.OfType<ContainerImageAnnotation>().Last();
        Assert.Equal(image, annotation.Image);
        if (tag is not null)
        {
            Assert.Equal(tag, annotation.Tag);
        }
    }

    private static EndpointAnnotation Endpoint(IResource resource, string name) =>
        resource.Annotations.OfType<EndpointAnnotation>().Single(endpoint => endpoint.Name == name);

    private static IEnumerable<WaitAnnotation> WaitsFor(IResource resource) => resource.Annotations.OfType<WaitAnnotation>();
}
