using System.Text;
using F2.Protocol;
using F2.Tests.Protocol.Vectors;

namespace F2.Tests.Protocol.Robustness;

/// <summary>What the fuzz test starts from: the vectors' topics, payloads and parameter sets, plus wildcard sets.</summary>
internal sealed class FuzzCorpus
{
    private FuzzCorpus(string[] topics, byte[][] payloads, ParameterSet[] parameterSets)
    {
        Topics = topics;
        Payloads = payloads;
        ParameterSets = parameterSets;
        WildcardSets = [.. CreateWildcardSets()];
    }

    /// <summary>The valid topics of the vectors (the invalid ones are among the mangled ones the generator makes).</summary>
    public string[] Topics { get; }

    public byte[][] Payloads { get; }

    /// <summary>The parameter sets of the vectors.</summary>
    public ParameterSet[] ParameterSets { get; }

    /// <summary>Sets that apply to any device.</summary>
    public ParameterSet[] WildcardSets { get; }

    public static FuzzCorpus Load()
    {
        DecodeVector[] vectors = [.. DecodeVector.All()];
        return new FuzzCorpus(
            [.. vectors.Select(vector => vector.Topic).Where(topic => DeviceTopic.TryParse(topic, out _)).Distinct()],
            [.. vectors.Select(vector => vector.Payload)],
            [.. vectors.Select(vector => ParameterSet.Create(vector.Parameters))]);
    }

    /// <summary>For each encoding, a set where every mode and type of any device has that encoding, some with extreme scaling.</summary>
    private static IEnumerable<ParameterSet> CreateWildcardSets()
    {
        string[] modes = ["access-control-mode", "alarm-mode", "sensor-mode"];
        string[] types = ["strike", "door-sensors", "qr-nfc-reader", "exit-buttons", "siren", "motion-sensor", "RS485-sensor"];
        foreach (EncodingType encoding in Enum.GetValues<EncodingType>())
        {
            foreach (double scaling in new[] { 0.1, 1e308 })
            {
                yield return ParameterSet.Create(
                    from mode in modes
                    from type in types
                    select new DeviceParameter("*", mode, type, "*", encoding, "unit", scaling, -1.5, IsSigned: scaling > 1));
            }
        }
    }

    public static string Describe(string? topic, byte[] payload) =>
        $"topic {topic ?? "<null>"}, payload (base64) {Convert.ToBase64String(payload)}, as text {Encoding.UTF8.GetString(payload)}";
}
