using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace F2.Tests.BadInput;

/// <summary>Counts one host's <c>f2.decoder.messages</c> rejections by reason (other hosts in the process are ignored).</summary>
internal sealed class DecoderRejectionCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byReason = new();

    public DecoderRejectionCounter(IMeterFactory decoderMeterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "f2.decoder.messages" && ReferenceEquals(instrument.Meter.Scope, decoderMeterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? reason = null;
            foreach (var tag in tags)
            {
                reason = tag.Key == "reason" ? tag.Value as string : reason;
            }

            if (reason is not null)
            {
                _byReason.AddOrUpdate(reason, value, (_, total) => total + value);
            }
        });
        _listener.Start();
    }

    public long Rejected(string reason) => _byReason.GetValueOrDefault(reason);

    public void Dispose() => _listener.Dispose();
}
