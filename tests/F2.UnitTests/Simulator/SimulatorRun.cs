using F2.Protocol;
using F2.Simulator;
using F2.Simulator.Generation;

namespace F2.Tests.Simulator;

/// <summary>Generates a simulator run in memory, with the parameters the simulator would write for it.</summary>
internal sealed class SimulatorRun
{
    private SimulatorRun(MessageGenerator generator, IReadOnlyList<SimulatedMessage> messages)
    {
        Generator = generator;
        Messages = messages;
        Parameters = ParameterSet.Create(generator.Devices.SelectMany(d => d.Parameters));
    }

    public MessageGenerator Generator { get; }

    public IReadOnlyList<SimulatedMessage> Messages { get; }

    public ParameterSet Parameters { get; }

    /// <summary>Generates <paramref name="count"/> messages; without a clock, one that moves <paramref name="perMessage"/> (default 7 ms) per message.</summary>
    public static SimulatorRun Generate(SimulatorOptions options, int count, TimeProvider? clock = null, TimeSpan? perMessage = null)
    {
        ManualClock? ticking = clock is null ? new ManualClock() : null;
        var generator = MessageGenerator.Create(options, clock ?? ticking!);
        var messages = new SimulatedMessage[count];
        for (int i = 0; i < count; i++)
        {
            messages[i] = generator.Next();
            ticking?.Advance(perMessage ?? TimeSpan.FromMilliseconds(7));
        }

        return new SimulatorRun(generator, messages);
    }

    public static SimulatorOptions Options(string? model = null, int devices = 3, int seed = 42, double faultFraction = 0)
    {
        var options = new SimulatorOptions { Devices = devices, Seed = seed, FaultFraction = faultFraction };
        if (model is not null)
        {
            options.Models[model] = 1;
        }

        return options;
    }

    /// <summary>Decodes one message; the rows, or the rejection.</summary>
    public (DecodeResult Result, List<DecodedRow> Rows) Decode(SimulatedMessage message)
    {
        var rows = new List<DecodedRow>();
        DecodeResult result = MessageDecoder.Decode(message.Topic, message.Payload, Parameters, rows);
        return (result, rows);
    }
}
