using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace F2.Integrations.Mqtt;

/// <summary>
/// <c>ConnectionStrings:mqtt</c>: <c>mqtt://user:password@host:1883</c>, or <c>mqtts://</c> for TLS (default ports
/// 1883 and 8883). User name and password are URL-decoded (<c>%40</c> for '@', <c>%3A</c> for ':').
/// With <c>mqtts://</c>, <c>?cafile=/path/ca.pem</c> trusts the certificate authority in that PEM file (a private
/// CA) instead of the system's trust store. Error messages and <see cref="ToString"/> never contain the password.
/// </summary>
public sealed record MqttConnectionString
{
    public const int DefaultPort = 1883;
    public const int DefaultTlsPort = 8883;

    /// <summary>The only query parameter: a PEM file of the certificate authority to trust (mqtts only).</summary>
    public const string CaFileParameter = "cafile";

    private MqttConnectionString(string host, int port, bool useTls, string? userName, string? password, string? caFile)
    {
        Host = host;
        Port = port;
        UseTls = useTls;
        UserName = userName;
        Password = password;
        CaFile = caFile;
    }

    public string Host { get; }

    public int Port { get; }

    public bool UseTls { get; }

    public string? UserName { get; }

    public string? Password { get; }

    /// <summary>With TLS: the PEM file of the certificate authority (or authorities) the broker's certificate must chain to; null for the system's trust store.</summary>
    public string? CaFile { get; }

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

        if ((uri.AbsolutePath.Length > 0 && uri.AbsolutePath != "/") || uri.Fragment.Length > 0)
        {
            error = $"The MQTT connection string '{Redact(value)}' has a path or fragment; expected only user, host, port and ?{CaFileParameter}=.";
            return false;
        }

        if (!TryReadCaFile(uri.Query, useTls, out string? caFile, out error))
        {
            return false;
        }

        (string? userName, string? password) = SplitUserInfo(uri.UserInfo);
        int port = uri.IsDefaultPort || uri.Port < 0 ? (useTls ? DefaultTlsPort : DefaultPort) : uri.Port;
        string host = uri.HostNameType == UriHostNameType.IPv6 ? uri.DnsSafeHost : uri.IdnHost;
        result = new MqttConnectionString(host, port, useTls, userName, password, caFile);
        error = null;
        return true;
    }

    /// <summary>The connection string with the password replaced by <c>***</c>.</summary>
    public override string ToString()
    {
        string scheme = UseTls ? "mqtts" : "mqtt";
        string user = UserName is null ? "" : Uri.EscapeDataString(UserName) + (Password is null ? "@" : ":***@");
        string host = Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        string query = CaFile is null ? "" : $"?{CaFileParameter}={Uri.EscapeDataString(CaFile)}";
        return string.Create(CultureInfo.InvariantCulture, $"{scheme}://{user}{host}:{Port}{query}");
    }

    /// <summary>Reads the query: nothing, or <c>cafile=&lt;path&gt;</c> with mqtts.</summary>
    private static bool TryReadCaFile(string query, bool useTls, out string? caFile, [NotNullWhen(false)] out string? error)
    {
        caFile = null;
        error = null;
        if (query.Length <= 1)
        {
            return true;
        }

        string[] pair = query[1..].Split('=', 2);
        if (pair.Length != 2 || pair[0] != CaFileParameter || pair[1].Length == 0 || pair[1].Contains('&', StringComparison.Ordinal))
        {
            error = $"The MQTT connection string's query must be ?{CaFileParameter}=<path of a PEM file> and nothing else.";
            return false;
        }

        if (!useTls)
        {
            error = $"The MQTT connection string sets {CaFileParameter} but is not mqtts://; a CA file only makes sense with TLS.";
            return false;
        }

        caFile = Uri.UnescapeDataString(pair[1]);
        return true;
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
