using F2.Tests.Infrastructure;
using F2.Tests.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace F2.Tests.Sink;

[Collection(PostgresCollection.Name)]
public sealed class SinkFailureTests(PostgresServer postgres)
{
    [Fact]
    public async Task ASinkThatCannotApplyItsSchemaStopsTheHostWithExitCodeOne()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres, applySchema: false);
        await database.ScalarAsync("CREATE TABLE iot_measurements (id int); SELECT 0");
        try
        {
            // Nothing listens on port 9: the sink must fail on the schema before it ever needs Kafka.
            await using SinkHost sink = await SinkHost.StartAsync("127.0.0.1:9", database.ConnectionString);

            await Poll.UntilAsync(() => Task.FromResult(sink.Stopping.IsCancellationRequested), TelemetryDatabase.Timeout, "the host should stop");
            Assert.Equal(1, Environment.ExitCode);
            HealthCheckResult health = await sink.Health.CheckHealthAsync(new HealthCheckContext());
            Assert.Equal(HealthStatus.Unhealthy, health.Status);
            Assert.Contains("neither partitioned nor a TimescaleDB hypertable", health.Description, StringComparison.Ordinal);
        }
        finally
        {
            Environment.ExitCode = 0;
        }
    }
}
