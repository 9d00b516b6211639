using F2.AppHost.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace F2.AppHost.Operations;

/// <summary>
/// Run mode only: every resource's console log goes to <c>&lt;state&gt;/logs/&lt;resource&gt;.log</c> and a table of
/// states and health to <c>&lt;state&gt;/status.txt</c>, so operations work from a shell (docs/OPERATIONS.md).
/// </summary>
internal static class OperationsFiles
{
    public static void AddOperationsFiles(this IDistributedApplicationBuilder builder, StateFolder state, HostingMode mode, string reason)
    {
        if (!builder.ExecutionContext.IsRunMode)
        {
            return;
        }

        builder.Services.AddSingleton(state);
        builder.Services.AddHostedService<OperationsRecorder>();
        builder.Eventing.Subscribe<BeforeStartEvent>((started, _) =>
        {
            var logger = started.Services.GetRequiredService<ILoggerFactory>().CreateLogger("F2.AppHost");
            Log.ModeChosen(logger, mode, reason);
            Log.OperationsFolder(logger, state.Root);
            return Task.CompletedTask;
        });
    }
}
