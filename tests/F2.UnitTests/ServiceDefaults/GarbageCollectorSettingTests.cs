using System.Text.Json;

namespace F2.Tests.ServiceDefaults;

/// <summary>
/// The services are built for workstation garbage collection: the Web SDK's default server GC keeps a heap per core
/// with large young generations, and Ingest's memory bound (docs/PERFORMANCE.md) is measured without it. The setting
/// is read from the runtimeconfig.json each service is built with (copied beside the tests).
/// </summary>
public sealed class GarbageCollectorSettingTests
{
    [Theory]
    [InlineData("F2.Ingest")]
    [InlineData("F2.Decoder")]
    [InlineData("F2.Sink")]
    [InlineData("F2.Doors")]
    [InlineData("F2.Simulator")]
    public void EveryServiceIsBuiltForTheWorkstationGarbageCollector(string service)
    {
        string path = Path.Combine(AppContext.BaseDirectory, $"{service}.runtimeconfig.json");
        using JsonDocument config = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.True(properties.TryGetProperty("System.GC.Server", out JsonElement server), $"{path} does not set System.GC.Server");
        Assert.False(server.GetBoolean(), $"{service} is built for the server garbage collector");
    }
}
