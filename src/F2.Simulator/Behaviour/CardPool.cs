namespace F2.Simulator.Behaviour;

/// <summary>
/// The credentials enrolled on one device: NFC card UIDs (7 bytes, <c>04A1B2C3D4E5F6</c>) and QR codes
/// (<c>F2-QR-0012345678</c>). Rejected scans read a credential that is not enrolled.
/// </summary>
internal sealed class CardPool
{
    private const int EnrolledCount = 16;
    private readonly string[] _cards;

    public CardPool(Random random)
    {
        _cards = new string[EnrolledCount];
        for (int i = 0; i < _cards.Length; i++)
        {
            _cards[i] = NewCredential(random);
        }
    }

    public string Enrolled(Random random) => _cards[random.Next(_cards.Length)];

    public static string Unknown(Random random) => NewCredential(random);

    private static string NewCredential(Random random)
    {
        if (random.Next(4) == 0)
        {
            return $"F2-QR-{random.NextInt64(10_000_000_000):D10}";
        }

        Span<byte> uid = stackalloc byte[7];
        random.NextBytes(uid);
        uid[0] = 0x04; // NXP manufacturer byte, as on most MIFARE cards
        return Convert.ToHexString(uid);
    }
}
