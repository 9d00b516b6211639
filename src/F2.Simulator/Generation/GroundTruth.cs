using System.Globalization;

namespace F2.Simulator.Generation;

/// <summary>
/// Where the simulator records each door anomaly it injects, as the door stage must report it: the device, the door, the
/// <c>event_type</c> (or <see cref="GroundTruth.QuietExit"/>) and the event's device time.
/// </summary>
internal interface IGroundTruth
{
    void Record(string deviceId, int door, string type, DateTime time);
}

/// <summary>The ground-truth types and the file format.</summary>
internal static class GroundTruth
{
    /// <summary>An exit button press and an opening with the strike locked: the stage reports <c>exit_request</c> at the press, and no forced opening.</summary>
    public const string QuietExit = "quiet_exit";

    /// <summary>Records nothing.</summary>
    public static IGroundTruth None { get; } = new Nothing();

    /// <summary>One line: device id, door, type and device time (<c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>), tab-separated.</summary>
    public static string Line(string deviceId, int door, string type, DateTime time) =>
        string.Create(CultureInfo.InvariantCulture, $"{deviceId}\t{door}\t{type}\t{time:yyyy-MM-ddTHH:mm:ss.ffffffZ}");

    private sealed class Nothing : IGroundTruth
    {
        public void Record(string deviceId, int door, string type, DateTime time)
        {
        }
    }
}

/// <summary>Appends the ground truth to a file, a line per anomaly, each flushed so the file can be followed.</summary>
internal sealed class GroundTruthFile(string path) : IGroundTruth, IDisposable
{
    private readonly StreamWriter _writer = new(path, append: true) { AutoFlush = true };

    public string Path => path;

    public void Record(string deviceId, int door, string type, DateTime time) => _writer.WriteLine(GroundTruth.Line(deviceId, door, type, time));

    public void Dispose() => _writer.Dispose();
}
