using System.Globalization;
using F2.Storage.DeadLetters;

namespace F2.Decoder.DeadLetters;

/// <summary>Parses <c>deadletters replay [--reason R] [--device D] [--stage S] [--since T] [--until T] [--limit N] [--dry-run] [--rate N]</c>.</summary>
internal static class ReplayArguments
{
    public const string Usage =
        "usage: F2.Decoder deadletters replay [--reason R] [--device D] [--stage S] [--since T] [--until T] [--limit N] [--dry-run] [--rate N]";

    /// <summary>The request, or null with the problem in <paramref name="problem"/>.</summary>
    public static ReplayRequest? Parse(IReadOnlyList<string> args, out string? problem)
    {
        var query = new DeadLetterQuery();
        int? limit = null;
        bool dryRun = false;
        int rate = ReplayRequest.DefaultRate;
        problem = null;
        for (int i = 2; i < args.Count && problem is null; i++)
        {
            string option = args[i];
            if (option == "--dry-run")
            {
                dryRun = true;
                continue;
            }

            if (i + 1 >= args.Count)
            {
                problem = $"{option} needs a value";
                break;
            }

            string value = args[++i];
            switch (option)
            {
                case "--reason": query = query with { Reason = value }; break;
                case "--device": query = query with { DeviceId = value }; break;
                case "--stage": query = query with { Stage = value }; break;
                case "--since": query = query with { Since = Time(option, value, ref problem) }; break;
                case "--until": query = query with { Until = Time(option, value, ref problem) }; break;
                case "--limit": limit = Positive(option, value, ref problem); break;
                case "--rate": rate = Positive(option, value, ref problem); break;
                default: problem = $"unknown option {option}"; break;
            }
        }

        return problem is null ? new ReplayRequest(query, limit, dryRun, rate) : null;
    }

    private static DateTime? Time(string option, string value, ref string? problem)
    {
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time))
        {
            return time.UtcDateTime;
        }

        problem = $"{option} {value}: not a time (e.g. 2026-03-14T09:00:00Z)";
        return null;
    }

    private static int Positive(string option, string value, ref string? problem)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number > 0)
        {
            return number;
        }

        problem = $"{option} {value}: not a positive whole number";
        return 1;
    }
}
