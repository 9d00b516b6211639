namespace F2.Integrations.DeviceParameters;

/// <summary>
/// The <c>devicedb.device_parameters</c> table (spec section 3): CHECK constraints that admit only the spec's values,
/// and a statement trigger that notifies <see cref="NotifyChannel"/> on every change so decoders reload within
/// seconds. Idempotent; applied under a transaction-scoped advisory lock so concurrent start-ups do not race.
/// Needs PostgreSQL 14 or later (<c>CREATE OR REPLACE TRIGGER</c>).
/// </summary>
public static class DeviceParameterSchema
{
    /// <summary>The LISTEN/NOTIFY channel the trigger notifies after any change to the table.</summary>
    public const string NotifyChannel = "f2_device_parameters_changed";

    /// <summary>Arbitrary key of the advisory lock held while the DDL runs ("F2DP").</summary>
    public const long AdvisoryLockKey = 0x4632_4450;

    public const string Ddl = """
        CREATE TABLE IF NOT EXISTS device_parameters (
          device_id      text NOT NULL,
          connector_mode text NOT NULL,
          component_type text NOT NULL,
          component_id   text NOT NULL,
          encoding_type  text NOT NULL,
          units          text NOT NULL,
          scaling_factor double precision NOT NULL DEFAULT 1.0,
          value_offset   double precision NOT NULL DEFAULT 0.0,
          is_signed      boolean NOT NULL DEFAULT false,
          updated_at     timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (device_id, connector_mode, component_type, component_id),
          CONSTRAINT device_parameters_device_id_check
            CHECK (device_id = '*' OR device_id ~ '^f2-[0-9a-f]{12}$'),
          CONSTRAINT device_parameters_connector_mode_check
            CHECK (connector_mode IN ('access-control-mode', 'alarm-mode', 'sensor-mode')),
          CONSTRAINT device_parameters_component_type_check
            CHECK (component_type IN ('strike', 'door-sensors', 'qr-nfc-reader', 'exit-buttons', 'siren',
                                      'motion-sensor', 'RS485-sensor')),
          CONSTRAINT device_parameters_component_id_check
            CHECK (component_id = '*'
                   OR (component_type IN ('door-sensors', 'exit-buttons') AND component_id = 'N/A')
                   OR (component_type NOT IN ('door-sensors', 'exit-buttons') AND component_id ~ '^[1-9][0-9]?$')),
          CONSTRAINT device_parameters_encoding_type_check
            CHECK (encoding_type IN ('boolean', 'boolean_map', 'hex_to_float', 'ieee754_float32', 'raw_string')),
          CONSTRAINT device_parameters_units_check CHECK (units <> ''),
          CONSTRAINT device_parameters_scaling_factor_check
            CHECK (scaling_factor NOT IN ('NaN', 'Infinity', '-Infinity')),
          CONSTRAINT device_parameters_value_offset_check
            CHECK (value_offset NOT IN ('NaN', 'Infinity', '-Infinity')));

        CREATE OR REPLACE FUNCTION f2_device_parameters_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_notify('f2_device_parameters_changed', '');
          RETURN NULL;
        END $$;

        CREATE OR REPLACE TRIGGER device_parameters_changed
          AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON device_parameters
          FOR EACH STATEMENT EXECUTE FUNCTION f2_device_parameters_notify();
        """;
}
