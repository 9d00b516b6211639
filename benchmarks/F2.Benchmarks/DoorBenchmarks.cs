using BenchmarkDotNet.Attributes;
using F2.Doors.Derivation;
using F2.Protocol;
using F2.Testing.Doors;

namespace F2.Benchmarks;

/// <summary>
/// The door stage's per-message work on one thread, without Kafka and PostgreSQL: read the <c>decoded_iot_data</c>
/// record value and derive its door events. Door-heavy traffic of 200 devices (every message but one in six a door
/// signal). One operation is one message, so ns/op is the CPU time per message.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class DoorBenchmarks
{
    private const int Messages = 30_000;

    private byte[][] _records = [];
    private readonly List<DoorEvent> _events = new(1024);

    [GlobalSetup]
    public void Setup()
    {
        _records = [.. DoorTraffic.Generate(devices: 200, sequencesPerDevice: 40, seed: 7, start: new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc))
            .Take(Messages).Select(DecodedMessageJson.Serialize)];
        if (_records.Length != Messages)
        {
            throw new InvalidOperationException($"the traffic has {_records.Length} messages, not {Messages}");
        }
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public int DeriveDoorTraffic()
    {
        var deriver = new DoorDeriver(DoorSettingsTable.Empty);
        _events.Clear();
        foreach (byte[] record in _records)
        {
            if (DecodedMessageJson.TryDeserialize(record, out DecodedMessage? message))
            {
                deriver.Process(message, _events);
            }
        }

        return _events.Count;
    }
}
