using BenchmarkDotNet.Attributes;
using F2.Protocol;

namespace F2.Benchmarks;

/// <summary>
/// The decoder alone, on one thread: a fleet mix of messages against the parameters of 10,000 devices plus wildcard
/// rows. One operation is one message (<see cref="BatchSize"/> per invocation), so ns/op is the time per message and
/// allocated bytes/op the allocation per message (only the readers' <c>value_text</c> strings).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class DecodeBenchmarks
{
    private const int BatchSize = 8192;

    private readonly List<DecodedRow> _rows = new(128);
    private ParameterSet _parameters = ParameterSet.Empty;
    private string[] _topics = [];
    private byte[][] _payloads = [];

    [GlobalSetup]
    public void Setup()
    {
        _parameters = Fleet.Parameters();
        (_topics, _payloads) = FleetMessages.Create(BatchSize);
        int rejected = Run();
        if (rejected != 0)
        {
            throw new InvalidOperationException($"{rejected} of the fleet's messages were rejected: the benchmark would measure the wrong path.");
        }
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int DecodeFleetMix() => Run();

    private int Run()
    {
        int rejected = 0;
        for (int i = 0; i < _topics.Length; i++)
        {
            _rows.Clear();
            rejected += MessageDecoder.Decode(_topics[i], _payloads[i], _parameters, _rows).IsSuccess ? 0 : 1;
        }

        return rejected;
    }
}
