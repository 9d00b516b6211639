namespace F2.Tests.AppHost;

/// <summary>Then the dashboard shows each simulator message as one trace through every stage, and every service's logs.</summary>
public sealed partial class LocalModeTests
{
    private static readonly TimeSpan TelemetryTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The span each stage records for one device message, in pipeline order.</summary>
    private static readonly (string Service, string Scope, string Name)[] StageSpans =
    [
        ("simulator", "F2.Simulator", "publish"),
        ("ingest", "F2.Ingest", "process cmnd/+/#"),
        ("decoder", "F2.Decoder", "process raw_iot_data"),
        ("sink", "F2.Sink", "process decoded_iot_data"),
    ];

    [Fact]
    public async Task TheDashboardShowsASimulatorMessageAsOneTraceFromPublishToTheSinksCommit()
    {
        await fixture.MeasurementsAsync();
        using var timeout = new CancellationTokenSource(TelemetryTimeout);
        using var dashboard = await DashboardTelemetry.ConnectAsync(fixture.App, timeout.Token);
        var seen = new List<DashboardSpan>();
        try
        {
            while (true)
            {
                seen = await dashboard.TracesAsync(timeout.Token);
                if (seen.GroupBy(span => span.TraceId).Any(trace => IsPipelineChain([.. trace])))
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(2), timeout.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            var names = seen.Select(span => $"{span.Service}: {span.Name}").Distinct().Order();
            Assert.Fail($"No trace ran publish -> ingest -> decoder -> sink within {TelemetryTimeout}; spans seen: {string.Join(", ", names)}");
        }
    }

    [Fact]
    public async Task EveryPipelineServicesStructuredLogsReachTheDashboard()
    {
        await fixture.MeasurementsAsync();
        using var timeout = new CancellationTokenSource(TelemetryTimeout);
        using var dashboard = await DashboardTelemetry.ConnectAsync(fixture.App, timeout.Token);
        var counts = new Dictionary<string, int>();
        try
        {
            while (!StageSpans.All(stage => counts.ContainsKey(stage.Service)))
            {
                await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);
                counts = await dashboard.LogCountsAsync(timeout.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"Structured logs within {TelemetryTimeout} only from: {string.Join(", ", counts.Keys)}");
        }
    }

    /// <summary>True when the trace holds exactly one span of each stage and each is the child of the one before.</summary>
    private static bool IsPipelineChain(List<DashboardSpan> trace)
    {
        var stages = StageSpans
            .Select(stage => trace.Where(span => span.Service == stage.Service && span.Scope == stage.Scope && span.Name == stage.Name).ToList())
            .ToList();
        if (stages.Any(matches => matches.Count != 1))
        {
            return false;
        }

        var chain = stages.Select(matches => matches[0]).ToList();
        return string.IsNullOrEmpty(chain[0].ParentSpanId)
            && chain.Zip(chain.Skip(1)).All(pair => pair.Second.ParentSpanId == pair.First.SpanId);
    }
}
