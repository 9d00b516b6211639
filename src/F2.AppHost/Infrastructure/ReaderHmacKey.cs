namespace F2.AppHost.Infrastructure;

/// <summary>
/// The key the Decoder hashes reader texts with (<c>../shared/spec/f2-privacy.md</c>): the secret parameter
/// <c>reader-hmac-key</c>, given to the services that need it as <c>Privacy__ReaderKey</c>. Local and Containers:
/// generated on first run and kept in the AppHost's user secrets (<c>Parameters:reader-hmac-key</c>) like the other
/// secrets. External: azd asks for it (base64 of 32 or more random bytes, e.g. <c>openssl rand -base64 32</c>).
/// </summary>
internal static class ReaderHmacKey
{
    public const string Name = "reader-hmac-key";

    /// <summary>The setting of the services (<c>Privacy:ReaderKey</c>).</summary>
    public const string Setting = "Privacy__ReaderKey";

    public static IResourceBuilder<ParameterResource> Add(IDistributedApplicationBuilder builder, HostingMode mode) => mode == HostingMode.External
        ? builder.AddParameter(Name, secret: true)
        : builder.AddParameter(Name, Generated(), secret: true, persist: true);

    // 44 letters and digits are base64 (no padding) for 33 bytes: a key the services accept, with about 255 bits of entropy.
    private static GenerateParameterDefault Generated() => new() { MinLength = 44, Special = false };
}
