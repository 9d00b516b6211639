using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace F2.Tests.AppHost;

/// <summary>
/// The manifest publisher (what azd consumes) describes the deployable shape: the four services as projects and
/// MQTT, Kafka and both databases as connection strings the deployment provides. No simulator in a deployment.
/// </summary>
public sealed class ManifestTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task ManifestNamesEveryServiceAndTheConnectionStringsItReferences()
    {
        using var output = new TestStateFolder();
        var manifestPath = Path.Combine(output.Path, "manifest.json");

        await PublishManifestAsync(manifestPath);
        var resources = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!["resources"]!.AsObject();

        Assert.Equal(["decoder", "devicedb", "doors", "ingest", "kafka", "mqtt", "reader-hmac-key", "sink", "telemetrydb"], resources.Select(pair => pair.Key).Order());
        Assert.All(["mqtt", "kafka", "devicedb", "telemetrydb"], name =>
        {
            Assert.Equal("parameter.v0", (string?)resources[name]!["type"]);
            Assert.Equal($"{{{name}.value}}", (string?)resources[name]!["connectionString"]);
            Assert.True((bool?)resources[name]!["inputs"]!["value"]!["secret"]);
        });
        AssertReferences(resources, "ingest", "mqtt", "kafka");
        AssertReferences(resources, "decoder", "kafka", "devicedb");
        AssertReferences(resources, "sink", "kafka", "telemetrydb");
        AssertReferences(resources, "doors", "kafka", "devicedb", "telemetrydb");
    }

    [Fact]
    public async Task TheManifestAsksForTheReaderKeyAsASecretWithoutADefaultAndGivesItToTheDecoderOnly()
    {
        using var output = new TestStateFolder();
        var manifestPath = Path.Combine(output.Path, "manifest.json");

        await PublishManifestAsync(manifestPath);
        var resources = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!["resources"]!.AsObject();

        var key = resources["reader-hmac-key"]!;
        Assert.Equal("parameter.v0", (string?)key["type"]);
        Assert.True((bool?)key["inputs"]!["value"]!["secret"]);
        Assert.Null(key["inputs"]!["value"]!["default"]);
        Assert.Equal("{reader-hmac-key.value}", (string?)resources["decoder"]!["env"]!["Privacy__ReaderKey"]);
        Assert.All(["ingest", "sink"], service => Assert.Null(resources[service]!["env"]!["Privacy__ReaderKey"]));
    }

    [Fact]
    public async Task WithASaslMechanismTheManifestAsksForKafkaCredentialsAsSecretsAndPassesThemToEveryKafkaClient()
    {
        using var output = new TestStateFolder();
        var manifestPath = Path.Combine(output.Path, "manifest.json");

        await PublishManifestAsync(manifestPath, "--F2:KafkaSaslMechanism=SCRAM-SHA-512");
        var resources = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!["resources"]!.AsObject();

        Assert.All(["kafka-sasl-username", "kafka-sasl-password"], name =>
        {
            Assert.Equal("parameter.v0", (string?)resources[name]!["type"]);
            Assert.True((bool?)resources[name]!["inputs"]!["value"]!["secret"]);
        });
        Assert.All(["ingest", "decoder", "sink", "doors"], service =>
        {
            var env = resources[service]!["env"]!;
            Assert.Equal("SASL_SSL", (string?)env["Kafka__ClientProperties__security.protocol"]);
            Assert.Equal("SCRAM-SHA-512", (string?)env["Kafka__ClientProperties__sasl.mechanism"]);
            Assert.Equal("{kafka-sasl-username.value}", (string?)env["Kafka__ClientProperties__sasl.username"]);
            Assert.Equal("{kafka-sasl-password.value}", (string?)env["Kafka__ClientProperties__sasl.password"]);
        });
    }

    private static void AssertReferences(JsonObject resources, string service, params string[] connections)
    {
        var project = resources[service]!;
        Assert.StartsWith("project.", (string?)project["type"], StringComparison.Ordinal);
        Assert.All(connections, name => Assert.Equal($"{{{name}.connectionString}}", (string?)project["env"]![$"ConnectionStrings__{name}"]));
    }

    private static async Task PublishManifestAsync(string manifestPath, params string[] settings)
    {
        var configuration = typeof(ManifestTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo("dotnet",
            ["run", "--project", Projects.F2_AppHost.ProjectPath, "--no-build", "-c", configuration, "--",
             "--publisher", "manifest", "--output-path", manifestPath, .. settings])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Timeout);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.True(process.ExitCode == 0, $"manifest publisher exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
    }
}
