namespace F2.Harness.Pipeline;

/// <summary>The connection strings the services receive (<c>ConnectionStrings__&lt;name&gt;</c>).</summary>
/// <param name="Kafka">Bootstrap servers.</param>
/// <param name="Mqtt"><c>mqtt://user:password@host:port</c>.</param>
/// <param name="DeviceDb">Npgsql connection string of <c>devicedb</c>, as the Decoder should reach it.</param>
/// <param name="TelemetryDb">Npgsql connection string of <c>telemetrydb</c>.</param>
public sealed record PipelineEndpoints(string Kafka, string Mqtt, string DeviceDb, string TelemetryDb);
