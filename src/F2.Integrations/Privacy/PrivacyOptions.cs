using System.ComponentModel.DataAnnotations;
using F2.Protocol.Privacy;

namespace F2.Integrations.Privacy;

/// <summary>
/// Settings of the <c>Privacy</c> section: how reader texts (credentials) are stored
/// (<c>../shared/spec/f2-privacy.md</c>, section 3). The AppHost passes its secret parameter <c>reader-hmac-key</c>
/// as <c>Privacy__ReaderKey</c>.
/// </summary>
public sealed class PrivacyOptions : IValidatableObject
{
    public const string SectionName = "Privacy";

    /// <summary><c>Hmac</c> (the default): keyed hashes. <c>Plain</c>: the text as decoded, an explicit opt-out.</summary>
    public ReaderDataForm ReaderData { get; set; } = ReaderDataForm.Hmac;

    /// <summary>The key, base64 of <see cref="ReaderKey.MinimumBytes"/> or more random bytes; required with <c>Hmac</c>.</summary>
    public string? ReaderKey { get; set; }

    /// <summary>
    /// Keys that made older rows, base64, kept after a rotation so that <c>credentials hash --key-id</c> finds them.
    /// Never used to hash new reads.
    /// </summary>
    public IList<string> RetiredReaderKeys { get; } = [];

    /// <summary>The active key and the retired ones that parse, the active first.</summary>
    public IEnumerable<ReaderKey> KnownKeys() =>
        new[] { ReaderKey }.Concat(RetiredReaderKeys)
            .Select(base64 => Protocol.Privacy.ReaderKey.TryParse(base64, out var key, out _) ? key : null)
            .OfType<ReaderKey>();

    /// <summary>What the options stand for; call after validation.</summary>
    public ReaderPrivacy ToReaderPrivacy() => ReaderData switch
    {
        ReaderDataForm.Plain => Protocol.Privacy.ReaderPrivacy.Plain,
        _ when Protocol.Privacy.ReaderKey.TryParse(ReaderKey, out var key, out _) => Protocol.Privacy.ReaderPrivacy.Hmac(key),
        _ => throw new InvalidOperationException($"{SectionName}:{nameof(ReaderKey)} is not valid; validate the options first."),
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (int i = 0; i < RetiredReaderKeys.Count; i++)
        {
            if (!Protocol.Privacy.ReaderKey.TryParse(RetiredReaderKeys[i], out _, out string? retiredProblem))
            {
                yield return new ValidationResult($"{SectionName}:{nameof(RetiredReaderKeys)}:{i} {retiredProblem}.", [nameof(RetiredReaderKeys)]);
            }
        }

        if (!Enum.IsDefined(ReaderData))
        {
            yield return new ValidationResult($"{SectionName}:{nameof(ReaderData)} is Hmac or Plain.", [nameof(ReaderData)]);
        }
        else if (ReaderData == ReaderDataForm.Hmac && !Protocol.Privacy.ReaderKey.TryParse(ReaderKey, out _, out string? problem))
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(ReaderKey)} {problem}: reader texts are credentials and are stored as keyed hashes " +
                $"(Privacy:ReaderData=Hmac), which needs a key of {Protocol.Privacy.ReaderKey.MinimumBytes} or more random bytes, base64 " +
                "(the AppHost passes its secret parameter reader-hmac-key as Privacy__ReaderKey). " +
                "Set Privacy__ReaderData=Plain only to store them in the clear on purpose.",
                [nameof(ReaderKey)]);
        }
    }
}
