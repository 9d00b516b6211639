namespace F2.Doors.Storage;

/// <summary>The door stage's tables (spec door-events.md sections 3.1 and 9, plus the stage's own state).</summary>
internal static class DoorSchemaSql
{
    /// <summary>devicedb: the operators' per-door settings.</summary>
    public static readonly string[] DeviceDb =
    [
        """
        CREATE TABLE IF NOT EXISTS door_settings (
          device_id      text     NOT NULL,
          door           text     NOT NULL,
          grant_window   interval NULL,
          entry_window   interval NULL,
          rex_shunt      interval NULL,
          held_open      interval NULL,
          relock_timeout interval NULL,
          lateness       interval NULL,
          PRIMARY KEY (device_id, door))
        """,
    ];

    /// <summary>
    /// telemetrydb: the events; each consumer group's door state per device and next offset per partition, written in
    /// the same transaction as the events; and the <c>door_events_latest</c> view (the last events of each door).
    /// </summary>
    public static readonly string[] TelemetryDb =
    [
        """
        CREATE TABLE IF NOT EXISTS door_events (
          event_id   text        PRIMARY KEY,
          time       timestamptz NOT NULL,
          device_id  text        NOT NULL,
          door       integer     NOT NULL,
          event_type text        NOT NULL,
          credential text        NULL,
          cause_time timestamptz NULL,
          details    jsonb       NOT NULL DEFAULT '{}')
        """,
        "CREATE INDEX IF NOT EXISTS door_events_door_time ON door_events (device_id, door, time DESC)",
        "CREATE INDEX IF NOT EXISTS door_events_type_time ON door_events (event_type, time DESC)",
        """
        CREATE TABLE IF NOT EXISTS door_state (
          consumer_group  text   NOT NULL,
          device_id       text   NOT NULL,
          kafka_partition integer NOT NULL,
          state           jsonb  NOT NULL,
          PRIMARY KEY (consumer_group, device_id))
        """,
        "CREATE INDEX IF NOT EXISTS door_state_partition ON door_state (consumer_group, kafka_partition)",
        """
        CREATE TABLE IF NOT EXISTS door_offsets (
          consumer_group  text    NOT NULL,
          kafka_partition integer NOT NULL,
          next_offset     bigint  NOT NULL,
          PRIMARY KEY (consumer_group, kafka_partition))
        """,
        """
        CREATE OR REPLACE VIEW door_events_latest AS
        SELECT device_id, door, time, event_type, credential, cause_time, details
        FROM (SELECT e.*, row_number() OVER (PARTITION BY device_id, door ORDER BY time DESC, event_type) AS n
              FROM door_events e) ranked
        WHERE n <= 10
        """,
    ];
}
