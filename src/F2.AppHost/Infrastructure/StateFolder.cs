namespace F2.AppHost.Infrastructure;

/// <summary>
/// The one folder the AppHost writes to: generated configuration, local data, resource logs and status.
/// Default <c>.f2/</c> beside F2.sln (ignored by git), else <c>$XDG_STATE_HOME/f2</c>.
/// </summary>
internal sealed class StateFolder(string root)
{
    public string Root { get; } = root;

    public string Mosquitto => Path.Combine(Root, "mosquitto");

    public string Postgres => Path.Combine(Root, "postgres");

    public string Logs => Path.Combine(Root, "logs");

    public string StatusFile => Path.Combine(Root, "status.txt");

    public static StateFolder Resolve(IDistributedApplicationBuilder builder, F2Options options)
    {
        if (!string.IsNullOrWhiteSpace(options.StateFolder))
        {
            return new StateFolder(Path.GetFullPath(options.StateFolder, builder.AppHostDirectory));
        }

        for (var folder = new DirectoryInfo(builder.AppHostDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "F2.sln")))
            {
                return new StateFolder(Path.Combine(folder.FullName, ".f2"));
            }
        }

        var stateHome = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return new StateFolder(Path.Combine(stateHome, "f2"));
    }

    /// <summary>Creates a folder readable by the service users (postgres, mosquitto) that local mode runs as.</summary>
    public static string Create(string path)
    {
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        return path;
    }

    /// <summary>Creates a folder only its owner may enter (PostgreSQL's data folder and socket folder).</summary>
    public static void CreatePrivate(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
