using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using F2.Protocol;
using F2.Protocol.Privacy;

namespace F2.Benchmarks;

/// <summary>
/// The decoder alone, on one thread: a fleet mix of messages against the parameters of 10,000 devices plus wildcard
/// rows. One operation is one message (<see cref="BatchSize"/> per invocation), so ns/op is the time per message and
/// allocated bytes/op the allocation per message (only the readers' <c>value_text</c> strings).
/// The reader benchmarks decode the mix's reader messages alone, as the Decoder does with <c>Privacy:ReaderData</c>
/// <c>Plain</c> and <c>Hmac</c> (<c>../shared/spec/f2-privacy.md</c>): their difference is the keyed hash's cost per
/// reader message.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class DecodeBenchmarks
{
    private const int BatchSize = 8192;

    private readonly List<DecodedRow> _rows = new(128);
    private readonly ReaderPrivacy _hmac = ReaderPrivacy.Hmac(ReaderKey.FromBytes(RandomNumberGenerator.GetBytes(ReaderKey.MinimumBytes)));
    private ParameterSet _parameters = ParameterSet.Empty;
    private (string[] Topics, byte[][] Payloads) _mix = ([], []);
    private (string[] Topics, byte[][] Payloads) _readers = ([], []);

    [GlobalSetup]
    public void Setup()
    {
        _parameters = Fleet.Parameters();
        _mix = FleetMessages.Create(BatchSize);
        _readers = FleetMessages.CreateReaders(BatchSize);
        int rejected = Run(_mix, ReaderPrivacy.Plain) + Run(_readers, _hmac);
        if (rejected != 0 || !_rows[0].ValueText!.StartsWith(ReaderKey.Scheme, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{rejected} of the fleet's messages were rejected, or a reader text was not hashed: the benchmark would measure the wrong path.");
        }
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int DecodeFleetMix() => Run(_mix, ReaderPrivacy.Plain);

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int DecodeFleetMixHmac() => Run(_mix, _hmac);

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int DecodeReaderPlain() => Run(_readers, ReaderPrivacy.Plain);

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int DecodeReaderHmac() => Run(_readers, _hmac);

    private int Run((string[] Topics, byte[][] Payloads) messages, ReaderPrivacy privacy)
    {
        int rejected = 0;
        for (int i = 0; i < messages.Topics.Length; i++)
        {
            _rows.Clear();
            rejected += MessageDecoder.Decode(messages.Topics[i], messages.Payloads[i], _parameters, _rows).IsSuccess ? 0 : 1;
            privacy.Protect(_rows);
        }

        return rejected;
    }
}
