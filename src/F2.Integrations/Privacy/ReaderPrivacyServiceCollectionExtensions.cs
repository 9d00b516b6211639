using F2.Integrations.Privacy;
using F2.Protocol.Privacy;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class ReaderPrivacyServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ReaderPrivacy"/> from the <c>Privacy</c> section, validated at start (a service without
    /// the key it needs does not start, and says why), and says at start how reader texts are stored.
    /// </summary>
    public static IServiceCollection AddReaderPrivacy(this IServiceCollection services)
    {
        services.AddOptions<PrivacyOptions>()
            .BindConfiguration(PrivacyOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<PrivacyOptions>>().Value.ToReaderPrivacy());
        services.AddHostedService<ReaderPrivacyAnnouncement>();
        return services;
    }
}
