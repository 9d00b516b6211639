namespace Microsoft.Extensions.Hosting;

/// <summary>Names that tie the services' meters and activity sources to the OpenTelemetry setup.</summary>
public static class F2Telemetry
{
    /// <summary>Every F2 meter is named <c>f2.&lt;stage&gt;</c>, e.g. <c>f2.decoder</c>.</summary>
    public const string MeterPrefix = "f2.";

    /// <summary>Every F2 activity source is named <c>F2.&lt;Stage&gt;</c>, e.g. <c>F2.Decoder</c>.</summary>
    public const string ActivitySourcePrefix = "F2.";
}
