using System.Security.Cryptography;
using F2.Protocol.Privacy;

namespace F2.Tests.Infrastructure;

/// <summary>The reader key the tests' Decoders run with (<c>Privacy:ReaderKey</c>): random for each test run, never in the source.</summary>
internal static class TestReaderKey
{
    public static readonly string Base64 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(ReaderKey.MinimumBytes));

    public static ReaderKey Key { get; } = ReaderKey.TryParse(Base64, out var key, out _) ? key : throw new InvalidOperationException("unreachable");

    /// <summary>The setting that gives a service this key.</summary>
    public static KeyValuePair<string, string?> Setting => new("Privacy:ReaderKey", Base64);
}
