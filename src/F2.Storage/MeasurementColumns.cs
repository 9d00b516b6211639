namespace F2.Storage;

/// <summary>The columns of <c>iot_measurements</c> (spec section 5), shared by both layouts and the writer.</summary>
internal static class MeasurementColumns
{
    public const string Definitions = """
          time           timestamptz      NOT NULL,
          device_id      text             NOT NULL,
          connector_mode text             NOT NULL,
          connector      text             NOT NULL,
          component_type text             NOT NULL,
          component_id   text             NOT NULL,
          pin_position   integer          NOT NULL,
          value          double precision NULL,
          value_text     text             NULL,
          unit           text             NOT NULL,
          topic          text             NOT NULL,
          received_at    timestamptz      NOT NULL
        """;

    public const string List =
        "time, device_id, connector_mode, connector, component_type, component_id, pin_position, value, value_text, unit, topic, received_at";

    /// <summary>
    /// The natural key, device first and then time, so that its unique index also serves per-device time-range queries
    /// (no separate <c>(device_id, time)</c> index to maintain) and a new row's conflict check lands at the end of its
    /// device's range, where the last rows went. Uniqueness is the same whatever the order; <c>ON CONFLICT</c> on these
    /// columns also finds the index of a table created with the earlier order.
    /// </summary>
    public const string NaturalKey = "device_id, time, topic, pin_position";

    public const string CreateTable = $"""
        CREATE TABLE IF NOT EXISTS iot_measurements (
        {Definitions},
          CONSTRAINT iot_measurements_natural_key UNIQUE ({NaturalKey}),
          CONSTRAINT iot_measurements_one_value CHECK ((value IS NULL) <> (value_text IS NULL)))
        """;

    /// <summary>
    /// What identifies a series, the hourly rollup's key after its bucket on both layouts: two RS-485 sensors with the same
    /// pin on different connectors, or components with different ids, are different series.
    /// </summary>
    public const string Series = "device_id, connector, component_type, component_id, pin_position";

    /// <summary>Per-component queries; per-device ones use the natural key's index.</summary>
    public static readonly string[] Indexes =
    [
        "CREATE INDEX IF NOT EXISTS iot_measurements_component_time ON iot_measurements (component_type, time DESC)",
    ];
}
