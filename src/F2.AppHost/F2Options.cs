using System.ComponentModel.DataAnnotations;
using F2.AppHost.Mqtt;

namespace F2.AppHost;

/// <summary>
/// The AppHost's own settings (section <c>F2</c>; environment <c>F2__Mode</c>, <c>F2__Ports__Mqtt</c>, ...).
/// Every port is a host port on 127.0.0.1; 0 picks a free one at start-up (tests do this).
/// </summary>
internal sealed class F2Options
{
    public const string SectionName = "F2";

    /// <summary>Unset: containers when a container runtime answers, else local; External when publishing.</summary>
    public HostingMode? Mode { get; set; }

    /// <summary>Where local mode keeps data, generated configuration, logs and status. Default: <c>.f2/</c> in the repository.</summary>
    public string? StateFolder { get; set; }

    [Range(1, 64)]
    public int DecoderReplicas { get; set; } = 1;

    [Range(1, 64)]
    public int SinkReplicas { get; set; } = 1;

    [Range(1, 64)]
    public int DoorsReplicas { get; set; } = 1;

    /// <summary>Partitions of each pipeline topic: created by the AppHost in container mode, by the stand-in in local mode.</summary>
    [Range(1, 64)]
    public int KafkaPartitions { get; set; } = 6;

    /// <summary>Whether the device simulator runs. Default: yes, except in External mode (a real deployment).</summary>
    public bool? Simulator { get; set; }

    /// <summary>
    /// External mode: the SASL mechanism of the external Kafka (e.g. <c>PLAIN</c>, <c>SCRAM-SHA-512</c>). Set, the
    /// services connect with SASL_SSL and the AppHost asks for the secret parameters <c>kafka-sasl-username</c> and
    /// <c>kafka-sasl-password</c>. Unset: plaintext, no credentials.
    /// </summary>
    public string? KafkaSaslMechanism { get; set; }

    /// <summary>
    /// The CSV of device parameters the dashboard command "Load device parameters" loads (<c>params load</c>); a relative
    /// path is taken from the AppHost's project folder. Unset: the command says so.
    /// </summary>
    public string? DeviceParametersCsv { get; set; }

    public F2Ports Ports { get; set; } = new();

    /// <summary>Device accounts and TLS of the broker the AppHost runs.</summary>
    public F2MqttOptions Mqtt { get; set; } = new();

    public LocalTools Local { get; set; } = new();

    public bool RunsSimulator(HostingMode mode) => Simulator ?? mode != HostingMode.External;
}

/// <summary>Fixed host ports, so the commands in docs/OPERATIONS.md work as written.</summary>
internal sealed class F2Ports
{
    public int Mqtt { get; set; } = 11883;

    /// <summary>Mosquitto's TLS listener, when <c>F2:Mqtt:TlsCertificateFile</c> and <c>TlsKeyFile</c> are set (every interface: devices connect there).</summary>
    public int MqttTls { get; set; } = 18883;
    public int Kafka { get; set; } = 19092;
    public int Postgres { get; set; } = 15432;
    public int TimescaleDb { get; set; } = 15433;
    public int Ingest { get; set; } = 18081;
    public int Decoder { get; set; } = 18082;
    public int Sink { get; set; } = 18083;
    public int Simulator { get; set; } = 18084;
    public int DevKafka { get; set; } = 18085;
    public int Doors { get; set; } = 18086;
}

/// <summary>Where local mode finds the machine's Mosquitto and PostgreSQL (Debian packages by default).</summary>
internal sealed class LocalTools
{
    public string MosquittoPath { get; set; } = "/usr/sbin/mosquitto";

    /// <summary>Folder holding <c>initdb</c> and <c>postgres</c>; default: the newest <c>/usr/lib/postgresql/*/bin</c>.</summary>
    public string? PostgresBinFolder { get; set; }
}
