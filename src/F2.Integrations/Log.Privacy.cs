using Microsoft.Extensions.Logging;

namespace F2.Integrations;

/// <summary>F2.Integrations' log messages about reader data (event ids 5300-5399). The key itself is never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5300, Level = LogLevel.Information,
        Message = "Reader texts are stored as keyed hashes (Privacy:ReaderData=Hmac, key id {KeyId})")]
    public static partial void ReaderTextsHashed(ILogger logger, string keyId);

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning,
        Message = "Privacy:ReaderData is Plain: reader texts (card numbers, QR tokens: credentials) are stored in the clear in decoded_iot_data and iot_measurements")]
    public static partial void ReaderTextsPlain(ILogger logger);
}
