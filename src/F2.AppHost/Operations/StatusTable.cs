using System.Text;

namespace F2.AppHost.Operations;

/// <summary>The text of <c>status.txt</c>: one line per resource instance with its state and health.</summary>
internal static class StatusTable
{
    public static string Format(IEnumerable<ResourceEvent> resources, DateTimeOffset now)
    {
        var text = new StringBuilder($"# F2 resources at {now:yyyy-MM-ddTHH:mm:ssZ}\n");
        text.AppendLine($"{"RESOURCE",-24} {"INSTANCE",-32} {"STATE",-14} HEALTH");
        foreach (var resource in resources.OrderBy(r => r.Resource.Name, StringComparer.Ordinal).ThenBy(r => r.ResourceId, StringComparer.Ordinal))
        {
            var snapshot = resource.Snapshot;
            var health = snapshot.HealthReports.IsDefaultOrEmpty ? "-" : snapshot.HealthStatus?.ToString() ?? "Unknown";
            text.AppendLine($"{resource.Resource.Name,-24} {resource.ResourceId,-32} {snapshot.State?.Text ?? "-",-14} {health}");
        }

        return text.ToString();
    }
}
