using Aspire.Hosting.ApplicationModel;
using F2.AppHost.Operations;

namespace F2.Tests.AppHost;

/// <summary>Issue 14 point 5: the operator's dashboard commands on the decoder, in the app model as built (never started).</summary>
public sealed class DecoderCommandsModelTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task TheDecoderOffersLoadingParametersTheDeadLetterSummaryAndTheReplay()
    {
        await using var app = await BuiltAppModel.BuildAsync("Local");

        var commands = app.Resource<ProjectResource>("decoder").Annotations.OfType<ResourceCommandAnnotation>().ToDictionary(command => command.Name);

        Assert.Equal("Load device parameters", commands[DecoderCommands.LoadParameters].DisplayName);
        Assert.Equal("Dead letters: summary", commands[DecoderCommands.Summary].DisplayName);
        Assert.Equal("Replay dead letters", commands[DecoderCommands.Replay].DisplayName);
        Assert.Equal(DecoderCommands.ReasonArgument, Assert.Single(commands[DecoderCommands.Replay].Arguments).Name);
    }

    [Theory]
    [InlineData(null, "deadletters replay")]
    [InlineData("", "deadletters replay")]
    [InlineData(" params_missing ", "deadletters replay --reason params_missing")]
    public void TheReplayCommandReplaysAllOrTheReasonGiven(string? reason, string verb)
        => Assert.Equal(verb, string.Join(' ', DecoderCommands.ReplayVerb(reason)));

    [Fact]
    public async Task LoadingParametersWithoutAConfiguredCsvSaysWhichSettingNamesIt()
    {
        await using var app = await BuiltAppModel.BuildAsync("Local");

        var result = await ExecuteAsync(app, DecoderCommands.LoadParameters);

        Assert.False(result.Success);
        Assert.Contains("F2__DeviceParametersCsv", result.Message);
    }

    private static async Task<ExecuteCommandResult> ExecuteAsync(BuiltAppModel app, string name)
    {
        var decoder = app.Resource<ProjectResource>("decoder");
        var command = decoder.Annotations.OfType<ResourceCommandAnnotation>().Single(annotation => annotation.Name == name);
        using var timeout = new CancellationTokenSource(Timeout);
        return await command.ExecuteCommand(new ExecuteCommandContext
        {
            Services = app.Services,
            ResourceName = decoder.Name,
            CancellationToken = timeout.Token,
            Logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
            Arguments = new Aspire.Hosting.InteractionInputCollection([]),
        }).WaitAsync(timeout.Token);
    }
}
