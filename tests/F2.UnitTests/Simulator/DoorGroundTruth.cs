using System.Globalization;
using F2.Protocol.Doors;
using F2.Simulator.Generation;

namespace F2.Tests.Simulator;

/// <summary>
/// The simulator's ground truth of injected door anomalies against the door events derived from its traffic. Only what
/// the stage can have released is compared: an event at t counts once its device's clock is past t + lateness (spec
/// 4.4), on both sides alike. Quiet exits must show as an <c>exit_request</c> at the press (and, like every other
/// opening the truth does not name, never as a forced opening).
/// </summary>
internal sealed class DoorGroundTruth : IGroundTruth
{
    /// <summary>The event types the simulator injects; every one of these the stage reports must be in the truth.</summary>
    public static readonly string[] AnomalyTypes =
    [
        .. new[]
        {
            DoorEventType.DoorForcedOpen, DoorEventType.DoorHeldOpen, DoorEventType.AccessDenied,
            DoorEventType.UnexplainedUnlock, DoorEventType.FailedToRelock, DoorEventType.GrantedNoEntry,
        }.Select(t => t.ToWireName()),
    ];

    public List<Entry> Entries { get; } = [];

    public void Record(string deviceId, int door, string type, DateTime time) => Entries.Add(new(deviceId, door, type, time));

    /// <summary>Reads a ground-truth file (the simulator's <c>Doors:GroundTruthFile</c>).</summary>
    public static DoorGroundTruth Read(string path)
    {
        var truth = new DoorGroundTruth();
        foreach (string line in File.ReadLines(path))
        {
            string[] fields = line.Split('\t');
            truth.Record(
                fields[0], int.Parse(fields[1], CultureInfo.InvariantCulture), fields[2],
                DateTime.ParseExact(fields[3], "yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
        }

        return truth;
    }

    /// <summary>
    /// Asserts precision and recall of 100 % for <see cref="AnomalyTypes"/> and every quiet exit reported as an exit
    /// request, over what is released by <paramref name="clocks"/> (each device's final clock); returns the number of
    /// truth entries compared, so a test can require enough of them.
    /// </summary>
    public int AssertMatches(IEnumerable<Entry> events, IReadOnlyDictionary<string, DateTime> clocks)
    {
        TimeSpan lateness = DoorSettingDefaults.Lateness;
        bool Released(Entry e) => clocks.TryGetValue(e.DeviceId, out DateTime clock) && e.Time < clock - lateness;
        List<Entry> all = [.. events.Where(Released)];
        List<Entry> truth = [.. Entries.Where(Released)];
        string[] expected = [.. truth.Where(e => e.Type != GroundTruth.QuietExit).Select(e => e.ToString()).Order(StringComparer.Ordinal)];
        string[] found = [.. all.Where(e => AnomalyTypes.Contains(e.Type)).Select(e => e.ToString()).Order(StringComparer.Ordinal)];
        Assert.Equal(expected, found);
        var exits = all.Where(e => e.Type == DoorEventType.ExitRequest.ToWireName()).Select(e => (e.DeviceId, e.Door, e.Time)).ToHashSet();
        Assert.All(truth.Where(e => e.Type == GroundTruth.QuietExit), quiet => Assert.Contains((quiet.DeviceId, quiet.Door, quiet.Time), exits));
        return truth.Count;
    }

    /// <summary>One anomaly (or event): device, door, type and device time.</summary>
    internal sealed record Entry(string DeviceId, int Door, string Type, DateTime Time)
    {
        public override string ToString() => GroundTruth.Line(DeviceId, Door, Type, Time);
    }
}
