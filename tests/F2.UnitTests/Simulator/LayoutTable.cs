using System.Globalization;
using System.Text;
using F2.Protocol;
using F2.Simulator.Models;

namespace F2.Tests.Simulator;

/// <summary>Renders a model's layout as the Markdown table docs/SIMULATOR.md shows for it.</summary>
internal static class LayoutTable
{
    public static string Render(DeviceModel model)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"### {model.Name}: {model.Summary}\n\n")
            .Append("| Connector | Mode | Components |\n")
            .Append("|---|---|---|\n");
        foreach (string connector in new[] { "J1", "J2", "J3", "J4" })
        {
            ConnectorLayout? layout = model.Connectors.FirstOrDefault(c => c.Connector == connector);
            text.Append(layout is null
                ? $"| {connector} | not used | |\n"
                : $"| {connector} | `{layout.Mode}` | {string.Join(", ", layout.Components.Select(c => Describe(layout, c)))} |\n");
        }

        return text.ToString();
    }

    private static string Describe(ConnectorLayout layout, Component component)
    {
        if (!component.Kind.HasNumber())
        {
            return $"`{component.TopicToken}` (pin{(component.Pins.Count > 1 ? "s" : "")} {string.Join(", ", component.Pins)})";
        }

        if (layout is not SensorConnector sensors)
        {
            return $"`{component.TopicToken}`";
        }

        SensorSpec s = sensors.Sensors.Single(x => x.Number == component.Number);
        string encoding = s.Encoding == EncodingType.Ieee754Float32
            ? "`ieee754_float32`"
            : $"`hex_to_float`, {s.ByteWidth} byte{(s.ByteWidth > 1 ? "s" : "")}{(s.IsSigned ? " signed" : "")}";
        string scaling = s.ScalingFactor == 1.0 ? "" : string.Create(CultureInfo.InvariantCulture, $" × {s.ScalingFactor}");
        string offset = s.ValueOffset == 0.0 ? "" : string.Create(CultureInfo.InvariantCulture, $" {s.ValueOffset:+0.##;-0.##}");
        return $"`{component.TopicToken}` ({s.Quantity.ToString().ToLowerInvariant()}: {encoding}{scaling}{offset} `{s.Units}`)";
    }
}
