using System.Diagnostics;
using System.Text.Json;
using System.Text.Unicode;
using F2.Protocol.Text;
using F2.Protocol.Topics;

namespace F2.Protocol.Decoding;

/// <summary>
/// Decodes a payload whose envelope (size, topic) has passed: one scan of the JSON, then the checks in the spec's
/// order (section 6), then the encoding (section 4).
/// </summary>
internal static class PayloadDecoder
{
    public static DecodeResult Decode(
        in TopicAddress address, ReadOnlySpan<byte> payload, DeviceParameter? parameter, string? deviceId, List<DecodedRow> rows)
    {
        var fields = default(PayloadFields);
        Span<byte> scratch = stackalloc byte[JsonText.ShortTextBytes];
        if (!Utf8.IsValid(payload) || !PayloadScanner.TryScan(payload, parameter?.Encoding, ref fields, scratch))
        {
            return DecodeResult.Rejected(RejectReason.PayloadNotJson);
        }

        if (!fields.Timestamp.IsPresent)
        {
            return DecodeResult.Rejected(RejectReason.TimestampMissing);
        }

        if (fields.Timestamp.Type != JsonTokenType.String
            || !JsonText.TryGetShortText(payload, fields.Timestamp, scratch, out ReadOnlySpan<byte> timestampText)
            || !DeviceTimestamp.TryParse(timestampText, out DateTime time))
        {
            return DecodeResult.Rejected(RejectReason.TimestampInvalid);
        }

        if (parameter is null)
        {
            return DecodeResult.Rejected(RejectReason.ParamsMissing);
        }

        var template = new RowTemplate(address, deviceId ?? DeviceIds.ToDeviceId(address.Mac), time, parameter.Units);
        return parameter.Encoding switch
        {
            EncodingType.Boolean => DecodeBoolean(payload, fields, address.SinglePin, template, rows, scratch),
            EncodingType.BooleanMap => DecodeBooleanMap(fields, template, rows),
            EncodingType.HexToFloat or EncodingType.Ieee754Float32 =>
                DecodeNumber(payload, fields, parameter, address.SinglePin, template, rows, scratch),
            EncodingType.RawString => DecodeText(payload, fields, address.SinglePin, template, rows),
            _ => throw new UnreachableException($"ParameterSet admits only defined encodings, not {parameter.Encoding}."),
        };
    }

    private static DecodeResult DecodeBoolean(
        ReadOnlySpan<byte> payload, in PayloadFields fields, int pin, in RowTemplate template, List<DecodedRow> rows, Span<byte> scratch)
    {
        if (!fields.Status.IsPresent)
        {
            return DecodeResult.Rejected(RejectReason.FieldMissing);
        }

        if (!BooleanValue.TryRead(payload, fields.Status, scratch, out bool state))
        {
            return DecodeResult.Rejected(RejectReason.ValueInvalid);
        }

        rows.Add(template.Row(pin, state ? 1 : 0, null));
        return DecodeResult.Success;
    }

    private static DecodeResult DecodeBooleanMap(in PayloadFields fields, in RowTemplate template, List<DecodedRow> rows)
    {
        if (fields.PinKeyCount == 0)
        {
            return DecodeResult.Rejected(RejectReason.FieldMissing);
        }

        if (fields.PinsInvalid)
        {
            return DecodeResult.Rejected(RejectReason.ValueInvalid);
        }

        for (UInt128 present = fields.PinsPresent; present != UInt128.Zero; present &= present - UInt128.One)
        {
            int pin = (int)UInt128.TrailingZeroCount(present);
            bool on = ((fields.PinsTrue >> pin) & UInt128.One) == UInt128.One;
            rows.Add(template.Row(pin, on ? 1 : 0, null));
        }

        return DecodeResult.Success;
    }

    private static DecodeResult DecodeNumber(
        ReadOnlySpan<byte> payload,
        in PayloadFields fields,
        DeviceParameter parameter,
        int pin,
        in RowTemplate template,
        List<DecodedRow> rows,
        Span<byte> scratch)
    {
        if (!fields.Data.IsPresent)
        {
            return DecodeResult.Rejected(RejectReason.FieldMissing);
        }

        if (!NumericValue.TryRead(payload, fields.Data, parameter, scratch, out double value))
        {
            return DecodeResult.Rejected(RejectReason.ValueInvalid);
        }

        rows.Add(template.Row(pin, value, null));
        return DecodeResult.Success;
    }

    private static DecodeResult DecodeText(
        ReadOnlySpan<byte> payload, in PayloadFields fields, int pin, in RowTemplate template, List<DecodedRow> rows)
    {
        if (!fields.Data.IsPresent)
        {
            return DecodeResult.Rejected(RejectReason.FieldMissing);
        }

        if (!RawStringValue.TryRead(payload, fields.Data, out string? text))
        {
            return DecodeResult.Rejected(RejectReason.ValueInvalid);
        }

        rows.Add(template.Row(pin, null, text));
        return DecodeResult.Success;
    }
}
