using F2.Protocol;
using F2.Tests.Protocol.Vectors;

namespace F2.Tests.EndToEnd;

/// <summary>
/// The shared vectors that can run together under one parameter table: each vector brings its own <c>params</c>, and
/// a vector joins the set only when the union of the rows resolves its topic (and every earlier member's) to the same
/// row, or to none, as its own rows do. Vectors that override the payload limit are left to the protocol tests.
/// </summary>
internal sealed class CompatibleVectors
{
    private CompatibleVectors(IReadOnlyList<DecodeVector> vectors, IReadOnlyList<DeviceParameter> parameters)
    {
        Vectors = vectors;
        Parameters = parameters;
    }

    public IReadOnlyList<DecodeVector> Vectors { get; }

    /// <summary>The union of the members' parameter rows.</summary>
    public IReadOnlyList<DeviceParameter> Parameters { get; }

    public static CompatibleVectors Load(Func<DecodeVector, bool>? include = null)
    {
        var members = new List<DecodeVector>();
        var union = new Dictionary<(string, string, string, string), DeviceParameter>();
        foreach (var vector in DecodeVector.All())
        {
            if (vector.MaxPayloadBytes != MessageDecoder.DefaultMaxPayloadBytes || (include is not null && !include(vector)))
            {
                continue;
            }

            var candidate = new Dictionary<(string, string, string, string), DeviceParameter>(union);
            bool conflicts = false;
            foreach (var row in vector.Parameters)
            {
                var key = (row.DeviceId, row.ConnectorMode, row.ComponentType, row.ComponentId);
                conflicts |= candidate.TryGetValue(key, out var existing) && existing != row;
                candidate[key] = row;
            }

            var candidateSet = ParameterSet.Create(candidate.Values);
            if (!conflicts && members.Append(vector).All(member => ResolvesAlike(member, candidateSet)))
            {
                members.Add(vector);
                union = candidate;
            }
        }

        return new CompatibleVectors(members, [.. union.Values]);
    }

    private static bool ResolvesAlike(DecodeVector vector, ParameterSet union)
    {
        if (!DeviceTopic.TryParse(vector.Topic, out var address))
        {
            return true;
        }

        bool own = ParameterSet.Create(vector.Parameters).TryResolve(address, out var ownRow);
        bool shared = union.TryResolve(address, out var sharedRow);
        return own == shared && (!own || ownRow == sharedRow);
    }
}
