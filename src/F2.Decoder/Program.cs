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

builder.AddServiceDefaults();
builder.AddDecoder();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
return Environment.ExitCode;
