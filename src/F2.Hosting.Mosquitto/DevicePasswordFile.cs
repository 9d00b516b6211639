using System.Globalization;
using System.Text;

namespace F2.Hosting.Mosquitto;

/// <summary>
/// Device accounts kept by the operator in Mosquitto's password-file format, passwords hashed: the file
/// <c>mosquitto_passwd</c> writes (<c>mosquitto_passwd -c devices.passwd f2-e4fd45f654be</c> creates it and prompts for
/// the password; without <c>-c</c> it adds or changes an account; <c>-D</c> deletes one). F2 appends these lines to the
/// password file it generates, so each device has its own credentials and, through the ACL pattern
/// <c>cmnd/%u/#</c>, only its own topics. Hence each user name must be a device id exactly as the device writes it
/// in its topics: <c>f2-</c> and 12 lower-case hex digits.
/// </summary>
public static class DevicePasswordFile
{
    /// <summary>
    /// The file's account lines, checked: one <c>name:hash</c> per line (blank lines and <c>#</c> comments skipped),
    /// every name a device id that appears once and is none of <paramref name="generatedNames"/>, every password
    /// hashed (a plain-text password is refused). Error messages name the line, never its content.
    /// </summary>
    public static async Task<string> ReadAsync(string path, IEnumerable<string> generatedNames, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var taken = new HashSet<string>(generatedNames, StringComparer.Ordinal);
        var accounts = new StringBuilder();
        string[] lines = await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false);
        for (int index = 0; index < lines.Length; index++)
        {
            string line = lines[index].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            string name = colon < 0 ? line : line[..colon];
            string? problem = colon < 0 ? "is not name:hash"
                : !IsDeviceId(name) ? "does not name a device id (f2- and 12 lower-case hex digits)"
                : !line[(colon + 1)..].StartsWith('$') ? "holds a plain-text password; hash the file with mosquitto_passwd"
                : !taken.Add(name) ? "repeats an account"
                : null;
            if (problem is not null)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Device password file {path}, line {index + 1}: the line {problem}."));
            }

            accounts.Append(line).Append('\n');
        }

        return accounts.ToString();
    }

    private static bool IsDeviceId(string name)
        => name.Length == 15 && name.StartsWith("f2-", StringComparison.Ordinal) && name.AsSpan(3).IndexOfAnyExcept("0123456789abcdef") < 0;
}
