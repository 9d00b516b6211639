namespace F2.Storage.DeadLetters;

/// <summary>
/// <c>dead_letters</c>: every record of <c>dead_letter_iot_data</c>, kept for <c>Sink:DeadLetterRetention</c> so operators
/// can count, list and replay them. A plain table on both layouts, applied with the rest of the telemetry schema. One row
/// per source record (<c>source_topic</c>, <c>source_partition</c>, <c>source_offset</c>: the record's <c>f2-source</c>
/// header, or, for Ingest's dead letters and records without one, the dead letter's own coordinates), so keeping the same
/// dead letter twice adds no row.
/// </summary>
internal static class DeadLetterSchemaSql
{
    public static readonly string[] Statements =
    [
        """
        CREATE TABLE IF NOT EXISTS dead_letters (
          id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          source_topic     text        NOT NULL,
          source_partition int         NOT NULL,
          source_offset    bigint      NOT NULL,
          stage            text        NOT NULL,
          reason           text        NOT NULL,
          detail           text        NULL,
          device_id        text        NULL,
          mqtt_topic       text        NULL,
          received_at      timestamptz NULL,
          payload          bytea       NOT NULL,
          dead_lettered_at timestamptz NOT NULL,
          kept_at          timestamptz NOT NULL DEFAULT now(),
          replayed_at      timestamptz NULL,
          replay_outcome   text        NULL,
          replay_reason    text        NULL,
          replay_detail    text        NULL,
          replay_count     int         NOT NULL DEFAULT 0,
          CONSTRAINT dead_letters_source UNIQUE (source_topic, source_partition, source_offset))
        """,
        "CREATE INDEX IF NOT EXISTS dead_letters_reason_time ON dead_letters (reason, dead_lettered_at)",
        "CREATE INDEX IF NOT EXISTS dead_letters_device_time ON dead_letters (device_id, dead_lettered_at)",
        "CREATE INDEX IF NOT EXISTS dead_letters_time ON dead_letters (dead_lettered_at)",
        "CREATE INDEX IF NOT EXISTS dead_letters_unreplayed ON dead_letters (dead_lettered_at) WHERE replayed_at IS NULL",
        "CREATE INDEX IF NOT EXISTS dead_letters_replay_outcome ON dead_letters (replay_outcome, dead_lettered_at)",
    ];
}
