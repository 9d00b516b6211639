using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace F2.Tests.AppHost;

internal static class TestingBuilderExtensions
{
    /// <summary>
    /// Resources' console lines reach the test output through the <c>F2.AppHost.Resources</c> logger category:
    /// only warnings and errors there. The tests read full logs from ResourceLoggerService.
    /// </summary>
    public static IDistributedApplicationTestingBuilder WithQuietResourceLogs(this IDistributedApplicationTestingBuilder builder)
    {
        builder.Services.AddLogging(logging => logging.AddFilter("F2.AppHost.Resources", LogLevel.Warning));
        return builder;
    }
}
