using System.Security.Cryptography;
using F2.Hosting.Mosquitto;
using F2.Protocol;

namespace F2.Testing.BadInput;

/// <summary>The limits a corpus is built against, and the run id that makes its device ids unique.</summary>
public sealed record BadInputCorpusSettings
{
    /// <summary>Six lower-case hex digits, the first half of every device id of the run.</summary>
    public string RunId { get; init; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    /// <summary>Ingest's <c>MaxPayloadBytes</c>.</summary>
    public int MaxPayloadBytes { get; init; } = MessageDecoder.DefaultMaxPayloadBytes;

    /// <summary>The broker's <c>max_packet_size</c>.</summary>
    public int MaxPacketSize { get; init; } = MosquittoConfig.DefaultMaxPacketSize;
}

/// <summary>
/// Hostile and broken device input, each kind with the exact bytes a device sends and where the pipeline must put
/// it (issue 4 item 2). Decoding kinds need <see cref="DeviceParameters"/> in devicedb.
/// </summary>
public static class BadInputCorpus
{
    /// <summary>The device timestamp of every message that has a valid one.</summary>
    public const string Timestamp = "2024-03-01 12:00:00.000001";

    /// <summary>Parameters for every device (<c>*</c>): strike, door sensors, reader, two RS-485 sensors; sirens have none.</summary>
    public static IReadOnlyList<DeviceParameter> DeviceParameters { get; } =
    [
        new(DeviceParameter.Wildcard, "access-control-mode", "strike", DeviceParameter.Wildcard, EncodingType.Boolean, "state"),
        new(DeviceParameter.Wildcard, "access-control-mode", "door-sensors", "N/A", EncodingType.BooleanMap, "state"),
        new(DeviceParameter.Wildcard, "access-control-mode", "qr-nfc-reader", DeviceParameter.Wildcard, EncodingType.RawString, "text"),
        new(DeviceParameter.Wildcard, "sensor-mode", "RS485-sensor", DeviceParameter.Wildcard, EncodingType.HexToFloat, "C", ScalingFactor: 0.1),
        new(DeviceParameter.Wildcard, "sensor-mode", "RS485-sensor", "5", EncodingType.Ieee754Float32, "kPa"),
    ];

    /// <summary>Every kind's name, in corpus order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Create(new BadInputCorpusSettings()).Select(kind => kind.Name)];

    /// <summary>A valid strike message of <paramref name="deviceId"/> (one row): to show the pipeline still works after the corpus.</summary>
    public static BadInputKind ValidMessage(string deviceId) => new()
    {
        Name = "valid-message",
        Description = "a valid strike message",
        Topic = CorpusBuilder.Utf8(CorpusBuilder.StrikeTopic.Replace(CorpusBuilder.DevicePlaceholder, deviceId, StringComparison.Ordinal)),
        Payload = CorpusBuilder.StrikeMessage("true"),
        DeviceId = deviceId,
        Expected = BadInputExpectation.Stored(1),
    };

    public static IReadOnlyList<BadInputKind> Create(BadInputCorpusSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var corpus = new CorpusBuilder(settings.RunId);
        CorpusPayloadKinds.AddTo(corpus, settings);
        CorpusTopicKinds.AddTo(corpus);
        CorpusDeliveryKinds.AddTo(corpus);
        return corpus.Kinds;
    }
}
