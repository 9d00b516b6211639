namespace F2.Ingest;

/// <summary>What the health check and the in-flight gauge read: connection state and progress. Thread-safe.</summary>
internal sealed class IngestStatus(TimeProvider time, IngestWindow window)
{
    private long _lastProgress = time.GetTimestamp();
    private volatile bool _mqttConnected;
    private volatile bool _kafkaFailing;

    /// <summary>Messages taken and not yet acknowledged or left to the broker's redelivery.</summary>
    public int InFlight => window.InHand;

    public bool MqttConnected
    {
        get => _mqttConnected;
        set => _mqttConnected = value;
    }

    /// <summary>True from a failed produce until the next successful one.</summary>
    public bool KafkaFailing => _kafkaFailing;

    /// <summary>How long messages have waited without any being forwarded (zero while none is waiting).</summary>
    public TimeSpan Stalled => InFlight == 0 ? TimeSpan.Zero : time.GetElapsedTime(Interlocked.Read(ref _lastProgress));

    /// <summary>Called once a message has entered the window: the first one in hand starts the stall clock.</summary>
    public void Taken()
    {
        if (InFlight == 1)
        {
            Interlocked.Exchange(ref _lastProgress, time.GetTimestamp());
        }
    }

    /// <summary>Records a produce outcome; true when it ends a run of failures.</summary>
    public bool ProduceSucceeded()
    {
        Interlocked.Exchange(ref _lastProgress, time.GetTimestamp());
        bool wasFailing = _kafkaFailing;
        _kafkaFailing = false;
        return wasFailing;
    }

    /// <summary>Records a failed produce; true when it starts a run of failures.</summary>
    public bool ProduceFailed()
    {
        bool wasFailing = _kafkaFailing;
        _kafkaFailing = true;
        return !wasFailing;
    }
}
