using F2.Protocol.Privacy;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace F2.Integrations.Privacy;

/// <summary>Says once at start how this service stores reader texts: the key id under <c>Hmac</c>, a warning under <c>Plain</c>.</summary>
internal sealed class ReaderPrivacyAnnouncement(ReaderPrivacy privacy, ILogger<ReaderPrivacyAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (privacy.Key is { } key)
        {
            Log.ReaderTextsHashed(logger, key.Id);
        }
        else
        {
            Log.ReaderTextsPlain(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
