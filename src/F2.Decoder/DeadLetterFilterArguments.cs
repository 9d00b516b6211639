using System.Globalization;
using F2.Storage.DeadLetters;

namespace F2.Decoder;

/// <summary>
/// The filters the <c>deadletters</c> verbs share: <c>--reason R --device D --stage S --since T --until T --limit N</c>
/// (times ISO 8601, UTC unless they carry an offset; a limit from 1 to <see cref="MaxLimit"/>).
/// </summary>
internal static class DeadLetterFilterArguments
{
    public const int MaxLimit = 100_000;

    public const string Usage = "[--reason R] [--device D] [--stage S] [--since T] [--until T] [--limit N]";

    /// <summary>Reads <paramref name="arguments"/> into a query; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(IReadOnlyList<string> arguments, out DeadLetterQuery query, out string? error)
    {
        query = new DeadLetterQuery();
        error = null;
        for (int i = 0; i < arguments.Count; i += 2)
        {
            string name = arguments[i];
            if (i + 1 >= arguments.Count)
            {
                error = $"{name}: a value is missing";
                return false;
            }

            string value = arguments[i + 1];
            DeadLetterQuery? next = name switch
            {
                "--reason" => query with { Reason = value },
                "--device" => query with { DeviceId = value },
                "--stage" => query with { Stage = value },
                "--since" => Time(value) is { } since ? query with { Since = since } : null,
                "--until" => Time(value) is { } until ? query with { Until = until } : null,
                "--limit" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int limit) && limit is >= 1 and <= MaxLimit
                    ? query with { Limit = limit }
                    : null,
                _ => null,
            };
            if (next is null)
            {
                error = name is "--reason" or "--device" or "--stage" or "--since" or "--until" or "--limit"
                    ? $"{name} {value}: not a valid value"
                    : $"{name}: unknown option";
                return false;
            }

            query = next;
        }

        if (query.Since is { } from && query.Until is { } to && from >= to)
        {
            error = "--since must be before --until";
            return false;
        }

        return true;
    }

    private static DateTime? Time(string text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime time)
            ? time
            : null;
}
