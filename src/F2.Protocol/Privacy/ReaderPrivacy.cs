using F2.Protocol.Text;
using F2.Protocol.Topics;

namespace F2.Protocol.Privacy;

/// <summary>
/// Puts the rows of <c>qr-nfc-reader</c> components into their stored form before they leave the decoding stage, so
/// that the raw reader text never reaches <c>decoded_iot_data</c> or anything after it. Thread-safe.
/// </summary>
public sealed class ReaderPrivacy
{
    private static readonly string ReaderComponentType = WireNames.ComponentTypes[(int)ComponentKind.QrNfcReader];

    private ReaderPrivacy(ReaderKey? key) => Key = key;

    /// <summary>Reader texts as decoded (<see cref="ReaderDataForm.Plain"/>).</summary>
    public static ReaderPrivacy Plain { get; } = new(null);

    /// <summary>The key of <see cref="ReaderDataForm.Hmac"/>; null when <see cref="Form"/> is <see cref="ReaderDataForm.Plain"/>.</summary>
    public ReaderKey? Key { get; }

    public ReaderDataForm Form => Key is null ? ReaderDataForm.Plain : ReaderDataForm.Hmac;

    /// <summary>Reader texts as keyed hashes under <paramref name="key"/> (<see cref="ReaderDataForm.Hmac"/>).</summary>
    public static ReaderPrivacy Hmac(ReaderKey key) => new(key ?? throw new ArgumentNullException(nameof(key)));

    /// <summary>Whether <paramref name="row"/> holds a reader text, which is a credential.</summary>
    public static bool IsReaderText(in DecodedRow row) =>
        row.ValueText is not null && string.Equals(row.ComponentType, ReaderComponentType, StringComparison.Ordinal);

    /// <summary>Replaces the text of every reader row in <paramref name="rows"/> by its stored form.</summary>
    public void Protect(List<DecodedRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (Key is null)
        {
            return;
        }

        for (int i = 0; i < rows.Count; i++)
        {
            if (IsReaderText(rows[i]))
            {
                rows[i] = rows[i] with { ValueText = Key.StoredForm(rows[i].ValueText!) };
            }
        }
    }
}
