using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace F2.Tests.AppHost;

/// <summary>One span as the dashboard's telemetry API returns it (OTLP JSON), with its resource's <c>service.name</c>.</summary>
internal sealed record DashboardSpan(string Service, string Scope, string Name, string TraceId, string SpanId, string? ParentSpanId);

/// <summary>
/// Reads what reached the Aspire dashboard through its HTTP telemetry API (<c>/api/telemetry/...</c>), authenticated
/// with the AppHost's dashboard API key (<c>AppHost:DashboardApiKey</c>) in the <c>x-api-key</c> header.
/// </summary>
internal sealed class DashboardTelemetry(HttpClient http) : IDisposable
{
    public static async Task<DashboardTelemetry> ConnectAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var loginUrl = await app.GetDashboardUrlAsync(cancellationToken).WaitAsync(cancellationToken);
        var apiKey = app.Services.GetRequiredService<IConfiguration>()["AppHost:DashboardApiKey"]
            ?? throw new InvalidOperationException("The AppHost has no AppHost:DashboardApiKey.");
        var http = new HttpClient { BaseAddress = new Uri(loginUrl.GetLeftPart(UriPartial.Authority)) };
        http.DefaultRequestHeaders.Add("x-api-key", apiKey);
        return new DashboardTelemetry(http);
    }

    public async Task<List<DashboardSpan>> TracesAsync(CancellationToken cancellationToken)
    {
        using var document = await GetAsync("api/telemetry/traces?limit=500", cancellationToken);
        var spans = new List<DashboardSpan>();
        foreach (var (service, scope, item) in Items(document, "resourceSpans", "scopeSpans", "spans"))
        {
            spans.Add(new DashboardSpan(service, scope, item.GetProperty("name").GetString()!, item.GetProperty("traceId").GetString()!,
                item.GetProperty("spanId").GetString()!, item.TryGetProperty("parentSpanId", out var parent) ? parent.GetString() : null));
        }

        return spans;
    }

    /// <summary>The number of structured log records per <c>service.name</c>.</summary>
    public async Task<Dictionary<string, int>> LogCountsAsync(CancellationToken cancellationToken)
    {
        using var document = await GetAsync("api/telemetry/logs?limit=10000", cancellationToken);
        return Items(document, "resourceLogs", "scopeLogs", "logRecords")
            .GroupBy(item => item.Service)
            .ToDictionary(group => group.Key, group => group.Count());
    }

    public void Dispose() => http.Dispose();

    private async Task<JsonDocument> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
    }

    private static IEnumerable<(string Service, string Scope, JsonElement Item)> Items(JsonDocument document, string resources, string scopes, string items)
    {
        foreach (var resource in document.RootElement.GetProperty("data").GetProperty(resources).EnumerateArray())
        {
            var service = ServiceName(resource);
            foreach (var scope in resource.GetProperty(scopes).EnumerateArray())
            {
                var scopeName = scope.GetProperty("scope").GetProperty("name").GetString() ?? "";
                foreach (var item in scope.GetProperty(items).EnumerateArray())
                {
                    yield return (service, scopeName, item);
                }
            }
        }
    }

    private static string ServiceName(JsonElement resource) =>
        resource.GetProperty("resource").GetProperty("attributes").EnumerateArray()
            .Where(attribute => attribute.GetProperty("key").GetString() == "service.name")
            .Select(attribute => attribute.GetProperty("value").GetProperty("stringValue").GetString()!)
            .Single();
}
