namespace F2.AppHost.Operations;

/// <summary>
/// The operator's actions on the decoder resource in the dashboard: load the device parameters from the CSV that
/// <c>F2:DeviceParametersCsv</c> names, summarise the kept dead letters, replay them (all, or those of the reason given
/// in the command's <c>reason</c> argument). Each runs the Decoder's command-line verb (<see cref="DecoderCommand"/>) and
/// shows what it printed.
/// </summary>
internal static class DecoderCommands
{
    public const string LoadParameters = "load-device-parameters";
    public const string Summary = "dead-letters-summary";
    public const string Replay = "replay-dead-letters";
    public const string ReasonArgument = "reason";

    public static IResourceBuilder<ProjectResource> WithDecoderCommands(this IResourceBuilder<ProjectResource> decoder, string? parametersCsv)
    {
        decoder.WithCommand(LoadParameters, "Load device parameters",
            context => parametersCsv is null
                ? Task.FromResult(CommandResults.Failure($"No CSV configured: set {F2Options.SectionName}__{nameof(F2Options.DeviceParametersCsv)} to the file to load, then restart the AppHost."))
                : RunAsync(decoder.Resource, ["params", "load", parametersCsv], context),
            new CommandOptions { Description = $"params load {parametersCsv ?? $"(set {F2Options.SectionName}:{nameof(F2Options.DeviceParametersCsv)})"}", IconName = "TableArrowUp" });
        decoder.WithCommand(Summary, "Dead letters: summary",
            context => RunAsync(decoder.Resource, ["deadletters", "summary"], context),
            new CommandOptions { Description = "deadletters summary: counts by reason and by device", IconName = "MailError" });
        decoder.WithCommand(Replay, "Replay dead letters",
            context => RunAsync(decoder.Resource, ReplayVerb(context.Arguments.TryGetByName(ReasonArgument, out var reason) ? reason.Value : null), context),
            new CommandOptions
            {
                Description = "deadletters replay [--reason R]: decode the kept dead letters again and store what now decodes",
                IconName = "ArrowRepeatAll",
                ConfirmationMessage = "Replay the dead letters (all, or those of the reason given) through the current decoding?",
                Arguments = [new InteractionInput { Name = ReasonArgument, Label = "Reason (empty: all)", InputType = InputType.Text, Required = false, Placeholder = "params_missing" }],
            });
        return decoder;
    }

    /// <summary>The replay verb: every dead letter, or those of <paramref name="reason"/>.</summary>
    public static string[] ReplayVerb(string? reason) => string.IsNullOrWhiteSpace(reason)
        ? ["deadletters", "replay"]
        : ["deadletters", "replay", "--reason", reason.Trim()];

    private static async Task<ExecuteCommandResult> RunAsync(ProjectResource decoder, IReadOnlyList<string> verb, ExecuteCommandContext context)
    {
        (int exitCode, string output) = await DecoderCommand.RunAsync(decoder, verb, context.Services, context.CancellationToken);
        string command = string.Join(' ', verb);
        return exitCode == 0
            ? CommandResults.Success($"{command}: done", output, CommandResultFormat.Text)
            : CommandResults.Failure($"{command}: exit code {exitCode}", output, CommandResultFormat.Text);
    }
}
