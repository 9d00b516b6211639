using F2.Harness;

return await HarnessCommand.RunAsync(args).ConfigureAwait(false);
