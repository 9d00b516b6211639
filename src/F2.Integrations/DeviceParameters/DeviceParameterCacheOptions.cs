using System.ComponentModel.DataAnnotations;

namespace F2.Integrations.DeviceParameters;

/// <summary>How the decoder keeps its device parameters current (section <c>Decoder</c>).</summary>
public sealed class DeviceParameterCacheOptions
{
    public const string SectionName = "Decoder";

    /// <summary>Reload the table at least this often, besides reloading at once on a change notification.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00")]
    public TimeSpan ParameterRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between attempts while <c>devicedb</c> is unavailable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:10:00")]
    public TimeSpan ParameterRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
