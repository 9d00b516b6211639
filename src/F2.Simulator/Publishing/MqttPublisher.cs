using F2.Simulator.Generation;
using MQTTnet;
using MQTTnet.Protocol;

namespace F2.Simulator.Publishing;

/// <summary>
/// Generates and publishes the run's messages over several MQTT connections, each with up to
/// <see cref="SimulatorOptions.MaxInFlight"/> publishes awaiting their acknowledgement (at QoS 1 and 2 within the
/// broker's Receive Maximum). One thread of its own paces, generates, encodes and writes: every tick (at least 1 ms
/// apart) it takes the messages due, hands them to the connections with room in turn and writes each connection's
/// share with one system call; the connections' threads read the acknowledgements. So a message costs no task, no
/// thread hand-off and a fraction of a system call, and the threads wake about a thousand times a second whatever
/// the rate. When every connection is full (or down) it waits for room, so a slow broker slows it down.
/// </summary>
internal sealed class MqttPublisher : IAsyncDisposable
{
    private const int MaxBatch = 1024;
    private static readonly TimeSpan MinSleep = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(1);

    private readonly PublisherConnection[] _connections;
    private readonly PacketEncoder _encoder;
    private readonly ManualResetEventSlim _room = new(initialState: false, spinCount: 0);

    private MqttPublisher(Func<string, MqttClientOptions> optionsForClient, SimulatorOptions options, SimulatorTelemetry telemetry, ILogger logger)
    {
        string run = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()));
        var qos = (MqttQualityOfServiceLevel)options.Qos;
        _encoder = new PacketEncoder(qos);
        _connections =
        [
            .. Enumerable.Range(1, options.Connections).Select(i =>
                new PublisherConnection(optionsForClient($"f2-sim-{run}-{i}"), qos, options.MaxInFlight, telemetry, logger, _room.Set)),
        ];
    }

    /// <summary>Publishes in flight at most per connection: the configured bound, within the broker's Receive Maximum.</summary>
    public int InFlightPerConnection => _connections.Min(c => c.InFlightLimit);

    /// <summary>Connects every connection (with retries); null when any of them cannot connect at all.</summary>
    public static async Task<MqttPublisher?> ConnectAsync(
        Func<string, MqttClientOptions> optionsForClient,
        SimulatorOptions options,
        SimulatorTelemetry telemetry,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var publisher = new MqttPublisher(optionsForClient, options, telemetry, logger);
        bool[] connected = await Task.WhenAll(publisher._connections.Select(c =>
            c.StartAsync(options.ConnectAttempts, options.ConnectRetryDelay, cancellationToken))).ConfigureAwait(false);
        if (connected.All(ok => ok))
        {
            return publisher;
        }

        await publisher.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Publishes <paramref name="generator"/>'s messages at the pacer's rate until <paramref name="messageCount"/>
    /// messages (0: no limit) or until <paramref name="end"/> is cancelled, then waits for the acknowledgements of
    /// those in flight. Stops at once when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public Task RunAsync(MessageGenerator generator, RatePacer pacer, long messageCount, CancellationToken end, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Produce(generator, pacer, messageCount > 0 ? messageCount : long.MaxValue, end, cancellationToken);
                Drain(cancellationToken);
                done.TrySetResult();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                done.TrySetCanceled(cancellationToken);
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "f2-sim-publisher",
        };
        thread.Start();
        return done.Task;
    }

    /// <summary>Disconnects every connection cleanly (call when the run is over).</summary>
    public Task DisconnectAsync() => Task.WhenAll(_connections.Select(c => c.CloseAsync(_encoder)));

    public async ValueTask DisposeAsync()
    {
        foreach (PublisherConnection connection in _connections)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _room.Dispose();
    }

    private void Produce(MessageGenerator generator, RatePacer pacer, long remaining, CancellationToken end, CancellationToken cancellationToken)
    {
        using var running = CancellationTokenSource.CreateLinkedTokenSource(end, cancellationToken);
        int next = 0;
        while (remaining > 0 && !running.IsCancellationRequested)
        {
            _room.Reset();
            int room = 0;
            foreach (PublisherConnection connection in _connections)
            {
                connection.ThrowIfFaulted();
                room += connection.Room;
            }

            int granted = room > 0 ? pacer.Take((int)Math.Min(Math.Min(room, remaining), MaxBatch)) : 0;
            for (int i = 0; i < granted; i++)
            {
                PublisherConnection connection = _connections[next];
                while (connection.Room == 0)
                {
                    next = (next + 1) % _connections.Length;
                    connection = _connections[next];
                }

                connection.Publish(generator.Next(), _encoder);
                next = (next + 1) % _connections.Length;
            }

            remaining -= granted;
            Flush();
            if (remaining == 0)
            {
                return;
            }

            if (granted == room)
            {
                WaitForRoom(running.Token);
            }
            else if (granted < MaxBatch)
            {
                TimeSpan untilNext = pacer.UntilNext;
                running.Token.WaitHandle.WaitOne(untilNext < MinSleep ? MinSleep : untilNext > MaxSleep ? MaxSleep : untilNext);
            }
        }
    }

    /// <summary>Waits until every publish in flight is acknowledged or failed.</summary>
    private void Drain(CancellationToken cancellationToken)
    {
        for (; ; )
        {
            cancellationToken.ThrowIfCancellationRequested();
            _room.Reset();
            if (_connections.All(c => c.InFlight == 0))
            {
                return;
            }

            Flush();
            WaitForRoom(cancellationToken);
        }
    }

    private void Flush()
    {
        foreach (PublisherConnection connection in _connections)
        {
            connection.Flush(_encoder);
        }
    }

    /// <summary>Waits until a connection frees room (or a second passes, to send keep-alives); returns on cancellation.</summary>
    private void WaitForRoom(CancellationToken cancellationToken)
    {
        try
        {
            _room.Wait(MaxSleep, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller sees the cancellation.
        }
    }
}
