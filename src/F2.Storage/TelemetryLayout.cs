namespace F2.Storage;

/// <summary>How <c>iot_measurements</c> is stored; chosen once, when the table is first created.</summary>
public enum TelemetryLayout
{
    /// <summary>Plain PostgreSQL: daily range partitions plus a DEFAULT partition; hourly aggregate kept by the sink.</summary>
    Partitioned,

    /// <summary>TimescaleDB: hypertable, continuous aggregate, compression policy.</summary>
    Timescale,
}
