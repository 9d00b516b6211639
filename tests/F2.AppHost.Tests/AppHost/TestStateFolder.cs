namespace F2.Tests.AppHost;

/// <summary>
/// A temporary state folder for one AppHost run. It is world-traversable because local mode runs PostgreSQL and
/// Mosquitto as their system users when the tests run as root.
/// </summary>
internal sealed class TestStateFolder : IDisposable
{
    public TestStateFolder()
    {
        Path = Directory.CreateTempSubdirectory("f2-apphost-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, (UnixFileMode)0b111_101_101);
        }
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (UnauthorizedAccessException)
        {
            // Files owned by another system user when not root: left to the temp cleaner.
        }
    }
}
