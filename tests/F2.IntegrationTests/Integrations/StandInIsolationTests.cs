using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace F2.Tests.Integrations;

/// <summary>
/// Production services do not ship the development Kafka stand-in: its librdkafka mock bindings live in
/// F2.DevKafka.Cluster, which no service's dependency graph (the deps.json each is built with, copied beside the
/// tests) lists, and F2.Integrations, which every service ships, holds no call into the mock API. (The AppHost's own
/// graph: AppHostDependencyTests.)
/// </summary>
public sealed class StandInIsolationTests
{
    [Theory]
    [InlineData("F2.Ingest")]
    [InlineData("F2.Decoder")]
    [InlineData("F2.Sink")]
    [InlineData("F2.Doors")]
    public void NoProductionServiceDependsOnTheKafkaStandIn(string service)
    {
        IReadOnlyList<string> libraries = Libraries(service);
        Assert.Contains(libraries, library => library.StartsWith("F2.Integrations/", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, library => library.StartsWith("F2.DevKafka", StringComparison.Ordinal));
    }

    [Fact]
    public void TheClientLibraryHoldsNoBindingToTheMockClusterApi()
    {
        byte[] assembly = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "F2.Integrations.dll"));
        foreach (Encoding encoding in new[] { Encoding.UTF8, Encoding.Unicode })
        {
            Assert.Equal(-1, assembly.AsSpan().IndexOf(encoding.GetBytes("rd_kafka_mock")));
            Assert.Equal(-1, assembly.AsSpan().IndexOf(encoding.GetBytes("MockKafkaCluster")));
        }
    }

    [Fact]
    public void TheAppHostSdkIsOfTheAspireReleaseThePackagesAre()
    {
        string root = RepositoryRoot();
        using JsonDocument global = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "global.json")));
        string sdk = global.RootElement.GetProperty("msbuild-sdks").GetProperty("Aspire.AppHost.Sdk").GetString()!;
        string packages = Regex.Match(File.ReadAllText(Path.Combine(root, "Directory.Packages.props")),
            "<AspireVersion>([^<]+)</AspireVersion>").Groups[1].Value;
        Assert.Equal(MajorMinor(packages), MajorMinor(sdk));
    }

    private static string MajorMinor(string version) => string.Join('.', version.Split('.').Take(2));

    private static List<string> Libraries(string project)
    {
        string path = Path.Combine(AppContext.BaseDirectory, $"{project}.deps.json");
        using JsonDocument deps = JsonDocument.Parse(File.ReadAllText(path));
        return [.. deps.RootElement.GetProperty("libraries").EnumerateObject().Select(library => library.Name)];
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "F2.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No F2.sln above {AppContext.BaseDirectory}");
    }
}
