using System.Text.Json;

namespace F2.Tests.AppHost;

/// <summary>The AppHost uses provisioning and the stand-in's settings only, not the services' client library.</summary>
public sealed class AppHostDependencyTests
{
    [Fact]
    public void TheAppHostDoesNotDependOnTheClientLibrary()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "F2.AppHost.deps.json");
        using JsonDocument deps = JsonDocument.Parse(File.ReadAllText(path));
        List<string> libraries = [.. deps.RootElement.GetProperty("libraries").EnumerateObject().Select(library => library.Name)];

        Assert.Contains(libraries, library => library.StartsWith("F2.Hosting.Mosquitto/", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, library => library.StartsWith("F2.Integrations/", StringComparison.Ordinal));
    }
}
