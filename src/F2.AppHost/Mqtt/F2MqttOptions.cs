namespace F2.AppHost.Mqtt;

/// <summary>
/// Section <c>F2:Mqtt</c>: who may use the broker the AppHost runs, and whether it also speaks TLS (local and
/// container modes; in External mode the broker is yours). Paths are read at every start.
/// </summary>
internal sealed class F2MqttOptions
{
    /// <summary>
    /// Device accounts: a password file made with <c>mosquitto_passwd</c> (user name = device id, hashed passwords),
    /// added to the generated password file at every start. See <c>F2.Integrations.Mqtt.DevicePasswordFile</c>.
    /// </summary>
    public string? DevicePasswordFile { get; set; }

    /// <summary>The broker's certificate (PEM, intermediates after it). With <see cref="TlsKeyFile"/>, Mosquitto also listens with TLS on <c>F2:Ports:MqttTls</c>.</summary>
    public string? TlsCertificateFile { get; set; }

    /// <summary>The private key (PEM) of <see cref="TlsCertificateFile"/>.</summary>
    public string? TlsKeyFile { get; set; }

    public bool UsesTls => TlsCertificateFile is not null && TlsKeyFile is not null;

    /// <summary>Why these settings cannot work, naming the setting; null when they can.</summary>
    public string? Problem()
    {
        if ((TlsCertificateFile is null) != (TlsKeyFile is null))
        {
            return "F2:Mqtt:TlsCertificateFile and F2:Mqtt:TlsKeyFile go together: set both or neither.";
        }

        var missing = new[] { (nameof(DevicePasswordFile), DevicePasswordFile), (nameof(TlsCertificateFile), TlsCertificateFile), (nameof(TlsKeyFile), TlsKeyFile) }
            .FirstOrDefault(setting => setting.Item2 is not null && !File.Exists(setting.Item2));
        return missing.Item2 is null ? null : $"F2:Mqtt:{missing.Item1}: no file {Path.GetFullPath(missing.Item2)}.";
    }
}
