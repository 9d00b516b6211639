using System.Buffers;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace F2.Simulator.Publishing;

/// <summary>
/// One live connection of a <see cref="PublisherConnection"/> and the publishes in flight on it: the connection's
/// thread reads the broker's packets (<see cref="ReceiveUntilLost"/>) and completes each publish its acknowledgement
/// names; when the connection is lost, whatever is still in flight counts as failed.
/// </summary>
internal sealed class BrokerSession(BrokerConnection connection, InFlightWindow window, TimeSpan keepAlive, PublishRecorder recorder)
{
    /// <summary>While the publisher writes at least this often, the reader looks for acknowledgements on a timer rather than waiting in a read.</summary>
    private static readonly TimeSpan BusyGap = TimeSpan.FromMilliseconds(2);

    private Exception? _lossCause;
    private long _lastSent = Stopwatch.GetTimestamp();

    public BrokerConnection Connection { get; } = connection;

    public InFlightWindow Window { get; } = window;

    /// <summary>The keep-alive period agreed with the broker (<see cref="TimeSpan.Zero"/>: none).</summary>
    public TimeSpan KeepAlive { get; } = keepAlive;

    /// <summary>How long ago something was last written to the broker.</summary>
    public TimeSpan SinceLastSent => Stopwatch.GetElapsedTime(Volatile.Read(ref _lastSent));

    /// <summary>Notes that something was just written to the broker.</summary>
    public void Sent() => Volatile.Write(ref _lastSent, Stopwatch.GetTimestamp());

    public Exception? LossCause => Volatile.Read(ref _lossCause);

    /// <summary>Opens a connection; the window is <paramref name="maxInFlight"/>, within the broker's Receive Maximum at QoS 1 and 2.</summary>
    public static BrokerSession Open(
        MqttClientOptions options, MqttQualityOfServiceLevel qos, int maxInFlight, PacketEncoder encoder, PublishRecorder recorder, CancellationToken cancellationToken)
    {
        BrokerConnection connection = BrokerConnection.Open(options, encoder.Formatter, cancellationToken);
        MqttClientConnectResult result = connection.Result;
        int receiveMaximum = result.ReceiveMaximum is > 0 and ushort maximum ? maximum : ushort.MaxValue;
        TimeSpan keepAlive = result.ServerKeepAlive > 0 ? TimeSpan.FromSeconds(result.ServerKeepAlive) : options.KeepAlivePeriod;
        return new BrokerSession(
            connection,
            new InFlightWindow(qos == MqttQualityOfServiceLevel.AtMostOnce ? maxInFlight : Math.Min(maxInFlight, receiveMaximum)),
            keepAlive,
            recorder);
    }

    /// <summary>Records why the connection is lost (the first cause wins) and closes it, which ends a blocked read.</summary>
    public void Lose(Exception cause)
    {
        Interlocked.CompareExchange(ref _lossCause, cause, null);
        Connection.Dispose();
    }

    /// <summary>
    /// Reads the broker's packets until the connection ends, then counts whatever is still in flight as failed.
    /// <paramref name="roomFreed"/> is called when half the window (or more) has become free, so a publisher waiting
    /// for room wakes once for many acknowledgements.
    /// </summary>
    public void ReceiveUntilLost(PacketEncoder encoder, Action roomFreed)
    {
        Lose(Receive(encoder, roomFreed));
        foreach (PendingPublish publish in Window.Close())
        {
            recorder.Failed(publish, LossCause!.GetType().Name, LossCause);
        }
    }

    private Exception Receive(PacketEncoder encoder, Action roomFreed)
    {
        try
        {
            for (; ; )
            {
                int packets = 0;
                int published = 0;
                while (Connection.TryTakeReceived(encoder.Formatter, out MqttPacket packet))
                {
                    packets++;
                    published += Handle(packet, encoder);
                }

                recorder.Published(published);
                int inFlight = Window.Count;
                if (packets > 0 && inFlight <= Window.Size / 2)
                {
                    roomFreed();
                }

                // While the publisher is busy and the window is not filling up, look for acknowledgements once a
                // millisecond (one wake-up for many, and none for a read that would wait); else wait for them.
                if (inFlight > 0 ? inFlight <= Window.Size / 2 : SinceLastSent <= BusyGap)
                {
                    Thread.Sleep(1);
                    if (!Connection.CanReceiveWithoutWaiting)
                    {
                        continue;
                    }
                }

                Connection.Receive();
            }
        }
        catch (Exception ex) when (PublisherConnection.IsConnectionFailure(ex))
        {
            return ex;
        }
    }

    /// <summary>Handles one packet from the broker: 1 when it completed a publish as published; throws when it ends the connection.</summary>
    private int Handle(MqttPacket packet, PacketEncoder encoder)
    {
        switch (packet)
        {
            case MqttPubAckPacket ack:
                return Complete(ack.PacketIdentifier, ack.ReasonCode is MqttPubAckReasonCode.Success or MqttPubAckReasonCode.NoMatchingSubscribers ? null : ack.ReasonCode.ToString());
            case MqttPubRecPacket received when received.ReasonCode is MqttPubRecReasonCode.Success or MqttPubRecReasonCode.NoMatchingSubscribers:
                // QoS 2, second step: the publish completes with the broker's PUBCOMP.
                var release = new ArrayBufferWriter<byte>();
                encoder.Write(new MqttPubRelPacket { PacketIdentifier = received.PacketIdentifier }, release);
                Connection.Write(release.WrittenSpan);
                return 0;
            case MqttPubRecPacket received:
                return Complete(received.PacketIdentifier, received.ReasonCode.ToString());
            case MqttPubCompPacket completed:
                return Complete(completed.PacketIdentifier, completed.ReasonCode == MqttPubCompReasonCode.Success ? null : completed.ReasonCode.ToString());
            case MqttPingRespPacket:
                return 0;
            case MqttDisconnectPacket disconnect:
                throw new MqttCommunicationException($"The broker disconnected ({disconnect.ReasonCode}).");
            default:
                throw new MqttProtocolViolationException($"Unexpected packet from the broker: {packet}.");
        }
    }

    /// <summary>Completes the publish sent with <paramref name="packetIdentifier"/>: 1 when it was published, 0 when it failed.</summary>
    private int Complete(ushort packetIdentifier, string? failure)
    {
        if (!Window.TryComplete(packetIdentifier, out PendingPublish publish))
        {
            throw new MqttProtocolViolationException($"The broker acknowledged packet {packetIdentifier}, which is not in flight.");
        }

        if (failure is not null)
        {
            recorder.Failed(publish, failure, exception: null);
            return 0;
        }

        PublishRecorder.Succeeded(publish);
        return 1;
    }
}
