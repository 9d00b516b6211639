var builder = WebApplication.CreateBuilder(args);
if (F2.Decoder.ParametersCommand.IsInvoked(args))
{
    return await F2.Decoder.ParametersCommand.RunAsync(args, builder.Configuration, Console.Out, Console.Error);
}

if (F2.Decoder.DeadLettersCommand.IsInvoked(args))
{
    return await F2.Decoder.DeadLettersCommand.RunAsync(args, builder.Configuration, Console.Out, Console.Error);
}

if (F2.Decoder.CredentialsCommand.IsInvoked(args))
{
    return await F2.Decoder.CredentialsCommand.RunAsync(args, builder.Configuration, Console.In, Console.Out, Console.Error);
}

if (F2.Decoder.DeadLetters.ReplayCommand.IsInvoked(args))
{
    // No service runs: the telemetry set-up is there so that f2.deadletters.replayed reaches the dashboard (exported at dispose).
    builder.ConfigureOpenTelemetry();
    await using var replay = builder.Build();
    using var meterProvider = replay.Services.GetService<OpenTelemetry.Metrics.MeterProvider>();
    return await F2.Decoder.DeadLetters.ReplayCommand.RunAsync(
        args, builder.Configuration, replay.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), Console.Out, Console.Error, CancellationToken.None);
}

builder.AddServiceDefaults();
builder.AddDecoder();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
return Environment.ExitCode;
