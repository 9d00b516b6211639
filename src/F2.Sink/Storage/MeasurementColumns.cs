namespace F2.Sink.Storage;

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

    public const string NaturalKey = "device_id, topic, pin_position, time";

    public const string CreateTable = $"""
        CREATE TABLE IF NOT EXISTS iot_measurements (
        {Definitions},
          CONSTRAINT iot_measurements_natural_key UNIQUE ({NaturalKey}),
          CONSTRAINT iot_measurements_one_value CHECK ((value IS NULL) <> (value_text IS NULL)))
        """;

    public static readonly string[] Indexes =
    [
        "CREATE INDEX IF NOT EXISTS iot_measurements_device_time ON iot_measurements (device_id, time DESC)",
        "CREATE INDEX IF NOT EXISTS iot_measurements_component_time ON iot_measurements (component_type, time DESC)",
    ];
}
