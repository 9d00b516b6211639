using F2.Decoder;
using Microsoft.Extensions.Configuration;

namespace F2.Tests.Privacy;

/// <summary>
/// <c>credentials hash</c> (privacy spec section 4) prints the stored form of a card's text under the active key, a
/// retired key chosen by its id, or a key given, so that reads from before and after a rotation can both be found.
/// </summary>
public sealed class CredentialsCommandTests
{
    /// <summary>Two vectors of one text under two keys: the old key (retired) and the new one (active).</summary>
    private static readonly (PrivacyVector Old, PrivacyVector New) Rotation = FindRotation();

    [Fact]
    public async Task TheActiveKeyGivesTheStoredFormOfTheText()
    {
        var (exit, output, _) = await RunAsync(Settings(), "credentials", "hash", Rotation.New.Text);

        Assert.Equal(0, exit);
        Assert.Equal(Rotation.New.Stored + Environment.NewLine, output);
    }

    [Fact]
    public async Task AKeyIdPicksTheRetiredKeyThatMadeOlderRows()
    {
        var (exit, output, _) = await RunAsync(Settings(), "credentials", "hash", Rotation.Old.Text, "--key-id", Rotation.Old.Key.Id);

        Assert.Equal(0, exit);
        Assert.Equal(Rotation.Old.Stored + Environment.NewLine, output);
    }

    [Fact]
    public async Task AKeyGivenOnStandardInputIsUsedInsteadOfTheSettings()
    {
        var (exit, output, _) = await RunWithInputAsync([], Rotation.Old.KeyBase64 + "\n", "credentials", "hash", Rotation.Old.Text, "--key", "-");

        Assert.Equal(0, exit);
        Assert.Equal(Rotation.Old.Stored + Environment.NewLine, output);
    }

    [Fact]
    public async Task WithoutAKeyOrWithAnUnknownKeyIdItPrintsNothingAndSaysWhy()
    {
        var (noKeyExit, noKeyOutput, noKeyError) = await RunAsync([], "credentials", "hash", Rotation.New.Text);
        var (unknownExit, unknownOutput, unknownError) = await RunAsync(Settings(), "credentials", "hash", Rotation.New.Text, "--key-id", "00000000");

        Assert.Equal((2, ""), (noKeyExit, noKeyOutput));
        Assert.Contains("Privacy:ReaderKey is empty", noKeyError, StringComparison.Ordinal);
        Assert.Equal((1, ""), (unknownExit, unknownOutput));
        Assert.Contains($"known: {Rotation.New.Key.Id}, {Rotation.Old.Key.Id}", unknownError, StringComparison.Ordinal);
        Assert.DoesNotContain(Rotation.New.KeyBase64, unknownError, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Privacy:ReaderKey"] = Rotation.New.KeyBase64,
        ["Privacy:RetiredReaderKeys:0"] = Rotation.Old.KeyBase64,
    };

    private static Task<(int Exit, string Output, string Error)> RunAsync(Dictionary<string, string?> settings, params string[] args)
        => RunWithInputAsync(settings, "", args);

    private static async Task<(int Exit, string Output, string Error)> RunWithInputAsync(Dictionary<string, string?> settings, string input, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = await CredentialsCommand.RunAsync(args, configuration, new StringReader(input), output, error).WaitAsync(TimeSpan.FromSeconds(30));
        return (exit, output.ToString(), error.ToString());
    }

    private static (PrivacyVector Old, PrivacyVector New) FindRotation()
    {
        var vectors = PrivacyVector.Load().ToList();
        return vectors
            .SelectMany(old => vectors.Where(next => next.Text == old.Text && next.Key.Id != old.Key.Id).Select(next => (old, next)))
            .First();
    }
}
