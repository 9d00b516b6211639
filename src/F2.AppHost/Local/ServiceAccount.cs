using Microsoft.Extensions.Logging;

namespace F2.AppHost.Local;

/// <summary>
/// The system user a local server runs as. PostgreSQL refuses root, so when the AppHost is root the server runs as
/// the package's user (<c>postgres</c>, <c>mosquitto</c>) via <c>setpriv</c>, which execs in place: the process
/// Aspire starts and stops is the server itself, with no wrapper left to orphan it. Otherwise: the current user.
/// </summary>
internal sealed record ServiceAccount(string? RunAs)
{
    private const string SetPriv = "/usr/bin/setpriv";

    public static ServiceAccount For(string systemUser)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return new ServiceAccount((string?)null);
        }

        return File.ReadLines("/etc/passwd").Any(line => line.StartsWith(systemUser + ":", StringComparison.Ordinal))
            ? new ServiceAccount(systemUser)
            : throw new DistributedApplicationException(
                $"The AppHost runs as root, so the local server must run as the system user '{systemUser}', which does not exist. Install the Debian package that creates it, or run the AppHost as an ordinary user.");
    }

    public (string File, string[] Args) Command(string program, params string[] args) => RunAs is null
        ? (program, args)
        : (SetPriv, [$"--reuid={RunAs}", $"--regid={RunAs}", "--init-groups", "--", program, .. args]);

    /// <summary>Hands a folder tree to the service user (no-op when not root).</summary>
    public Task GiveAsync(string folder, ILogger logger, CancellationToken cancellationToken) => RunAs is null
        ? Task.CompletedTask
        : ProcessRunner.RunAsync("chown", ["-R", $"{RunAs}:{RunAs}", folder], logger, cancellationToken);
}
