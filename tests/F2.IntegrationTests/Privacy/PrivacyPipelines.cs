using F2.Protocol;
using F2.Tests.EndToEnd;

namespace F2.Tests.Privacy;

/// <summary>
/// Whole pipelines for the privacy vectors, one per reader key (a Decoder hashes with one key), started when a vector
/// first needs its key and shared by the vectors of that key.
/// </summary>
public sealed class PrivacyPipelines : IAsyncDisposable
{
    public static readonly IReadOnlyCollection<DeviceParameter> Parameters =
        [new DeviceParameter(DeviceParameter.Wildcard, "access-control-mode", "qr-nfc-reader", DeviceParameter.Wildcard, EncodingType.RawString, "text")];

    private readonly Dictionary<string, PipelineRun> _runs = [];

    internal async Task<PipelineRun> ForKeyAsync(MosquittoServer mosquitto, PostgresServer postgres, string keyBase64)
    {
        if (!_runs.TryGetValue(keyBase64, out var run))
        {
            run = await PipelineRun.StartAsync(mosquitto, postgres, Parameters, keyBase64);
            _runs[keyBase64] = run;
        }

        return run;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var run in _runs.Values)
        {
            await run.DisposeAsync();
        }
    }
}
