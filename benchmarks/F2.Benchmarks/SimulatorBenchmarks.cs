using System.Buffers;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using F2.Simulator;
using F2.Simulator.Generation;
using F2.Simulator.Publishing;
using MQTTnet.Protocol;

namespace F2.Benchmarks;

/// <summary>
/// The simulator's work per message on its publishing thread, without the network: generating the next message of a
/// 1,000-device fleet (all seven models), then encoding its MQTT v5 PUBLISH (traceparent user property) into the
/// outgoing buffer, with or without a tracer that records every span (as the OpenTelemetry SDK does). One operation
/// is one message (<see cref="BatchSize"/> per invocation). What this leaves out: the system calls (a share of one
/// send per connection per tick, and of the acknowledgement reads) and the acknowledgement's decoding.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class SimulatorBenchmarks
{
    private const int BatchSize = 4096;

    private readonly ArrayBufferWriter<byte> _outgoing = new(1024 * 1024);
    private readonly PacketEncoder _encoder = new(MqttQualityOfServiceLevel.AtLeastOnce);
    private MessageGenerator _generator = null!;
    private ActivityListener? _listener;

    /// <summary>Whether a listener records the producer spans (the services' OpenTelemetry SDK does).</summary>
    [Params(false, true)]
    public bool Traced { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _generator = MessageGenerator.Create(new SimulatorOptions { Devices = 1000, Seed = 1 }, TimeProvider.System);
        if (Traced)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == SimulatorTelemetry.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            };
            ActivitySource.AddActivityListener(_listener);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _listener?.Dispose();

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int Generate()
    {
        int bytes = 0;
        for (int i = 0; i < BatchSize; i++)
        {
            bytes += _generator.Next().Payload.Length;
        }

        return bytes;
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int GenerateAndEncode()
    {
        _outgoing.ResetWrittenCount();
        for (int i = 0; i < BatchSize; i++)
        {
            SimulatedMessage message = _generator.Next();
            Activity? span = TraceContext.StartPublish(message, "f2-sim-bench-1");
            _encoder.WritePublish(message, (ushort)(1 + (i % 1000)), span, _outgoing);
            span?.Stop();
        }

        return _outgoing.WrittenCount;
    }
}
