using System.Reflection;

namespace F2.Harness.Pipeline;

/// <summary>
/// Where the built services are: <c>src/F2.&lt;Service&gt;/bin/&lt;configuration&gt;/net10.0/F2.&lt;Service&gt;.dll</c>
/// under the repository root (the folder holding <c>F2.sln</c>). Building F2.Harness (or F2.IntegrationTests) builds them in
/// the same configuration, so the configuration of the calling assembly is the one to look for.
/// </summary>
public sealed class ServiceBinaries
{
    private const string TargetFramework = "net10.0";

    private readonly Dictionary<ServiceKind, string> _paths;

    private ServiceBinaries(string repositoryRoot, string configuration, Dictionary<ServiceKind, string> paths)
    {
        RepositoryRoot = repositoryRoot;
        Configuration = configuration;
        _paths = paths;
    }

    public string RepositoryRoot { get; }

    public string Configuration { get; }

    /// <summary>Finds the programs' dlls, or throws saying which is missing and how to build it.</summary>
    public static ServiceBinaries Locate(string repositoryRoot, string configuration)
    {
        var paths = new Dictionary<ServiceKind, string>();
        foreach (ServiceKind kind in Enum.GetValues<ServiceKind>())
        {
            string project = "F2." + kind;
            string path = Path.Combine(repositoryRoot, "src", project, "bin", configuration, TargetFramework, project + ".dll");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"{project} is not built in {configuration}: expected {path}. Build it first, e.g. "
                    + $"`dotnet build -c {configuration} tools/F2.Harness` (or `dotnet build tests/F2.IntegrationTests` for Debug).", path);
            }

            paths[kind] = path;
        }

        return new ServiceBinaries(repositoryRoot, configuration, paths);
    }

    /// <summary>Locates the services built in the configuration <paramref name="caller"/> was built in.</summary>
    public static ServiceBinaries LocateFor(Assembly caller)
        => Locate(FindRepositoryRoot(AppContext.BaseDirectory), ConfigurationOf(caller));

    public string PathOf(ServiceKind kind) => _paths[kind];

    /// <summary>Walks up from <paramref name="start"/> to the folder holding <c>F2.sln</c>.</summary>
    public static string FindRepositoryRoot(string start)
    {
        for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "F2.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No F2.sln above {start}: run from inside the repository.");
    }

    private static string ConfigurationOf(Assembly assembly)
        => assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } configuration
            ? configuration
            : "Debug";
}
