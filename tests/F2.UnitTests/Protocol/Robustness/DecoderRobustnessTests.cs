using System.Text;
using F2.Protocol;

namespace F2.Tests.Protocol.Robustness;

/// <summary>
/// Seeded and reproducible: 100,000 random and mutated messages, each of which must decode to valid rows or to
/// exactly one of the eight reasons, never an exception. A failure names the iteration and the input.
/// </summary>
public class DecoderRobustnessTests
{
    private const int Seed = 20_230_526;
    private const int Messages = 100_000;

    [Fact]
    public void EveryRandomOrMutatedMessageGivesValidRowsOrOneOfTheEightReasons()
    {
        var random = new Random(Seed);
        var mutator = new ByteMutator(random);
        var generator = new MessageGenerator(random);
        FuzzCorpus corpus = FuzzCorpus.Load();
        var outcomes = new Dictionary<RejectReason, int>();
        int decoded = 0;
        var rows = new List<DecodedRow>();
        for (int i = 0; i < Messages; i++)
        {
            string topic = random.Next(10) switch
            {
                0 => MangleTopic(random, mutator, generator, corpus),
                < 5 => generator.Topic(),
                _ => Pick(random, corpus.Topics),
            };
            byte[] payload = random.Next(8) switch
            {
                < 2 => generator.Payload(),
                < 4 => Pick(random, corpus.Payloads),
                4 => random.Next(10) == 0 ? generator.RandomBytes() : mutator.Mutate(generator.Payload()),
                _ => mutator.Mutate(Pick(random, corpus.Payloads)),
            };
            ParameterSet parameters = Pick(random, random.Next(2) == 0 ? corpus.WildcardSets : corpus.ParameterSets);
            int limit = random.Next(20) == 0 ? random.Next(0, 200) : MessageDecoder.DefaultMaxPayloadBytes;

            rows.Clear();
            DecodeResult result = DecodeOrExplain(topic, payload, parameters, rows, limit, i);

            string where = $"seed {Seed}, message {i}: {FuzzCorpus.Describe(topic, payload)}";
            if (result.Reason is { } reason)
            {
                Assert.True(Enum.IsDefined(reason), where);
                Assert.True(rows.Count == 0, where);
                outcomes[reason] = outcomes.GetValueOrDefault(reason) + 1;
            }
            else
            {
                RowInvariants.AssertValid(rows, where);
                decoded++;
                if (i % 16 == 0)
                {
                    RowInvariants.AssertRoundTrip(topic, rows, i, mutator, where);
                }
            }
        }

        Assert.True(decoded > Messages / 20, $"only {decoded} messages decoded: the generator no longer reaches the encodings; " + string.Join(", ", outcomes));
        Assert.All(Enum.GetValues<RejectReason>(), reason => Assert.True(outcomes.ContainsKey(reason), $"no message was rejected as {reason}"));
    }

    private static DecodeResult DecodeOrExplain(string topic, byte[] payload, ParameterSet parameters, List<DecodedRow> rows, int limit, int i)
    {
        try
        {
            Assert.Equal(DeviceTopic.TryParse(topic, out _), MessageDecoder.CheckEnvelope(topic, 0, limit, out _) is null);
            return MessageDecoder.Decode(topic, payload, parameters, rows, limit);
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"seed {Seed}, message {i} threw: {FuzzCorpus.Describe(topic, payload)}\n{exception}");
        }
    }

    private static string MangleTopic(Random random, ByteMutator mutator, MessageGenerator generator, FuzzCorpus corpus) =>
        random.Next(3) switch
        {
            0 => generator.Topic(),
            1 => Encoding.UTF8.GetString(mutator.Mutate(Encoding.UTF8.GetBytes(Pick(random, corpus.Topics)))),
            _ => generator.Topic().Replace('/', random.Next(2) == 0 ? '-' : '/') + (random.Next(2) == 0 ? "/x" : ""),
        };

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
