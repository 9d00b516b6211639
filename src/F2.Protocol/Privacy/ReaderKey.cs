using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace F2.Protocol.Privacy;

/// <summary>
/// A key for reader texts and the stored form it gives (<c>../shared/spec/f2-privacy.md</c>, section 1):
/// <c>hmac-sha256:&lt;key id&gt;:&lt;hex(HMAC-SHA256(key, UTF-8(text)))&gt;</c>, the key id being the first 8 hex
/// digits of SHA-256 of the key. Thread-safe: each thread keeps one keyed HMAC and resets it after every text, which
/// saves setting the key up again per text. Its <see cref="ToString"/> names the key id, never the key.
/// </summary>
public sealed class ReaderKey
{
    /// <summary>The fewest key bytes the spec admits.</summary>
    public const int MinimumBytes = 32;

    /// <summary>What every stored form starts with.</summary>
    public const string Scheme = "hmac-sha256";

    private const int KeyIdLength = 8;
    private const int HexLength = 2 * HMACSHA256.HashSizeInBytes;
    private const int StackBytes = 512;

    private readonly ThreadLocal<IncrementalHash> _hmac;
    private readonly string _prefix;

    private ReaderKey(byte[] key)
    {
        _hmac = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key));
        Id = Convert.ToHexStringLower(SHA256.HashData(key))[..KeyIdLength];
        _prefix = $"{Scheme}:{Id}:";
    }

    /// <summary>The key id: the first 8 hex digits (lower case) of SHA-256 of the key.</summary>
    public string Id { get; }

    /// <summary>The length of every stored form.</summary>
    public static int StoredFormLength => Scheme.Length + 1 + KeyIdLength + 1 + HexLength;

    /// <summary>A key of <see cref="MinimumBytes"/> or more bytes.</summary>
    public static ReaderKey FromBytes(ReadOnlySpan<byte> key) => key.Length >= MinimumBytes
        ? new ReaderKey(key.ToArray())
        : throw new ArgumentException($"A reader key has {MinimumBytes} or more bytes, not {key.Length}.", nameof(key));

    /// <summary>Reads a base64 key; on failure <paramref name="problem"/> says what is wrong (never the value).</summary>
    public static bool TryParse(string? base64, [NotNullWhen(true)] out ReaderKey? key, [NotNullWhen(false)] out string? problem)
    {
        key = null;
        if (string.IsNullOrWhiteSpace(base64))
        {
            problem = "is empty";
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            problem = "is not base64";
            return false;
        }

        if (bytes.Length < MinimumBytes)
        {
            problem = $"has {bytes.Length} bytes; a reader key has {MinimumBytes} or more";
            return false;
        }

        key = new ReaderKey(bytes);
        problem = null;
        return true;
    }

    /// <summary>The value to store for <paramref name="text"/> under this key.</summary>
    public string StoredForm(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int maxBytes = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = maxBytes > StackBytes ? ArrayPool<byte>.Shared.Rent(maxBytes) : null;
        try
        {
            Span<byte> utf8 = rented is null ? stackalloc byte[StackBytes] : rented;
            int length = Encoding.UTF8.GetBytes(text, utf8);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            IncrementalHash hmac = _hmac.Value!;
            hmac.AppendData(utf8[..length]);
            hmac.GetHashAndReset(mac);
            utf8[..length].Clear();

            Span<char> stored = stackalloc char[_prefix.Length + HexLength];
            _prefix.CopyTo(stored);
            Convert.TryToHexStringLower(mac, stored[_prefix.Length..], out _);
            return new string(stored);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
            }
        }
    }

    public override string ToString() => $"reader key {Id}";
}
