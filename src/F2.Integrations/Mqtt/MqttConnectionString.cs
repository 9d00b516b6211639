using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace F2.Integrations.Mqtt;

/// <summary>
/// <c>ConnectionStrings:mqtt</c>: <c>mqtt://user:password@host:1883</c>, or <c>mqtts://</c> for TLS (default ports
/// 1883 and 8883). User name and password are URL-decoded (<c>%40</c> for '@', <c>%3A</c> for ':').
/// Error messages and <see cref="ToString"/> never contain the password.
/// </summary>
public sealed record MqttConnectionString
{
    public const int DefaultPort = 1883;
    public const int DefaultTlsPort = 8883;

    private MqttConnectionString(string host, int port, bool useTls, string? userName, string? password)
    {
        Host = host;
        Port = port;
        UseTls = useTls;
        UserName = userName;
        Password = password;
    }

    public string Host { get; }

    public int Port { get; }

    public bool UseTls { get; }

    public string? UserName { get; }

    public string? Password { get; }

    /// <summary>Parses the connection string or throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static MqttConnectionString Parse(string? value) =>
        TryParse(value, out MqttConnectionString? result, out string? error) ? result : throw new FormatException(error);

    public static bool TryParse(
        string? value, [NotNullWhen(true)] out MqttConnectionString? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "The MQTT connection string is empty; expected mqtt://user:password@host:1883 or mqtts://...";
            return false;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out Uri? uri))
        {
            error = $"The MQTT connection string '{Redact(value)}' is not a URI; expected mqtt://user:password@host:1883.";
            return false;
        }

        bool useTls;
        if (uri.Scheme == "mqtt")
        {
            useTls = false;
        }
        else if (uri.Scheme == "mqtts")
        {
            useTls = true;
        }
        else
        {
            error = $"The MQTT connection string has scheme '{uri.Scheme}'; expected mqtt:// or mqtts://.";
            return false;
        }

        if (uri.Host.Length == 0)
        {
            error = $"The MQTT connection string '{Redact(value)}' names no host.";
            return false;
        }

        if ((uri.AbsolutePath.Length > 0 && uri.AbsolutePath != "/") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            error = $"The MQTT connection string '{Redact(value)}' has a path, query or fragment; expected only user, host and port.";
            return false;
        }

        (string? userName, string? password) = SplitUserInfo(uri.UserInfo);
        int port = uri.IsDefaultPort || uri.Port < 0 ? (useTls ? DefaultTlsPort : DefaultPort) : uri.Port;
        string host = uri.HostNameType == UriHostNameType.IPv6 ? uri.DnsSafeHost : uri.IdnHost;
        result = new MqttConnectionString(host, port, useTls, userName, password);
        error = null;
        return true;
    }

    /// <summary>The connection string with the password replaced by <c>***</c>.</summary>
    public override string ToString()
    {
        string scheme = UseTls ? "mqtts" : "mqtt";
        string user = UserName is null ? "" : Uri.EscapeDataString(UserName) + (Password is null ? "@" : ":***@");
        string host = Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        return string.Create(CultureInfo.InvariantCulture, $"{scheme}://{user}{host}:{Port}");
    }

    private static (string? UserName, string? Password) SplitUserInfo(string userInfo)
    {
        if (userInfo.Length == 0)
        {
            return (null, null);
        }

        int colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? (Uri.UnescapeDataString(userInfo), null)
            : (Uri.UnescapeDataString(userInfo[..colon]), Uri.UnescapeDataString(userInfo[(colon + 1)..]));
    }

    /// <summary>Drops everything between "://" and the last '@', where a password would be.</summary>
    private static string Redact(string value)
    {
        int start = value.IndexOf("://", StringComparison.Ordinal);
        int at = value.LastIndexOf('@');
        return start >= 0 && at > start ? string.Concat(value.AsSpan(0, start + 3), "***", value.AsSpan(at)) :
            at >= 0 ? "***" + value[at..] : value;
    }
}
