using F2.Integrations.Privacy;
using F2.Protocol.Privacy;

namespace F2.Decoder;

/// <summary>
/// <c>credentials hash &lt;text&gt; [--key-id &lt;id&gt; | --key &lt;base64&gt; | --key -]</c>: prints the stored form of a
/// reader text (<c>../shared/spec/f2-privacy.md</c>, section 4) for a <c>WHERE value_text = ...</c> query. The key is
/// <c>Privacy:ReaderKey</c>; <c>--key-id</c> picks it or one of <c>Privacy:RetiredReaderKeys</c> by its id (rows from before
/// a rotation); <c>--key</c> gives one (<c>-</c>: read it from standard input, so it stays out of the shell history).
/// Needs no database and prints nothing but the stored form on standard output.
/// </summary>
internal static class CredentialsCommand
{
    private const string Usage = "usage: F2.Decoder credentials hash <text> [--key-id <id> | --key <base64> | --key -]";

    public static bool IsInvoked(string[] args) => args is ["credentials", ..];

    /// <summary>Runs the command; returns the process exit code (0 done, 1 no such key or a bad key, 2 usage or no key set).</summary>
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextReader input, TextWriter output, TextWriter error)
    {
        var options = configuration.GetSection(PrivacyOptions.SectionName).Get<PrivacyOptions>() ?? new PrivacyOptions();
        (int code, ReaderKey? key, string? message) = args switch
        {
            ["credentials", "hash", _] => Active(options),
            ["credentials", "hash", _, "--key-id", string id] => ById(options, id),
            ["credentials", "hash", _, "--key", "-"] => Given(await input.ReadLineAsync()),
            ["credentials", "hash", _, "--key", string base64] => Given(base64),
            _ => (2, null, Usage),
        };
        if (key is null)
        {
            await error.WriteLineAsync(message);
            return code;
        }

        await output.WriteLineAsync(key.StoredForm(args[2]));
        return 0;
    }

    private static (int, ReaderKey?, string?) Active(PrivacyOptions options) => ReaderKey.TryParse(options.ReaderKey, out var key, out string? problem)
        ? (0, key, null)
        : (2, null, $"Privacy:ReaderKey {problem}: set Privacy__ReaderKey to the key the Decoder uses (the AppHost's secret parameter reader-hmac-key), or pass --key.");

    private static (int, ReaderKey?, string?) ById(PrivacyOptions options, string id)
    {
        var known = options.KnownKeys().ToList();
        return known.Find(key => string.Equals(key.Id, id, StringComparison.OrdinalIgnoreCase)) is { } found
            ? (0, found, null)
            : (1, null, $"No key with id {id} in Privacy:ReaderKey or Privacy:RetiredReaderKeys (known: {(known.Count == 0 ? "none" : string.Join(", ", known.Select(key => key.Id)))}); pass it with --key.");
    }

    private static (int, ReaderKey?, string?) Given(string? base64) => ReaderKey.TryParse(base64, out var key, out string? problem)
        ? (0, key, null)
        : (1, null, $"The key {problem}.");
}
