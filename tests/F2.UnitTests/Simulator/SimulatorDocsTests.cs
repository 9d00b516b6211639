using F2.Simulator.Models;

namespace F2.Tests.Simulator;

public class SimulatorDocsTests
{
    public static TheoryData<string> ModelNames => [.. DeviceModels.All.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void TheDocsShowTheModelsLayoutExactlyAsTheSimulatorUsesIt(string name)
    {
        Assert.True(DeviceModels.TryGet(name, out DeviceModel model));
        string docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "SIMULATOR.md")).ReplaceLineEndings("\n");

        Assert.Contains(LayoutTable.Render(model), docs, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "F2.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("F2.sln not found above " + AppContext.BaseDirectory);
    }
}
