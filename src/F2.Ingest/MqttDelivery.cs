using F2.Integrations.Mqtt;
using MQTTnet;
using MQTTnet.Protocol;

namespace F2.Ingest;

/// <summary>
/// The handle of one message the broker delivered: it acknowledges the message on the connection that delivered it,
/// or knows that the broker will deliver it again. Created by <see cref="MqttConnection"/> for every message.
/// </summary>
internal sealed class MqttDelivery(MqttApplicationMessageReceivedEventArgs args, long generation, MqttConnection connection)
{
    public MqttApplicationMessage Message => args.ApplicationMessage;

    /// <summary>QoS 0: the broker neither expects an acknowledgement nor delivers the message again.</summary>
    public bool AtMostOnce => args.ApplicationMessage.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce;

    /// <summary>True while the connection that delivered the message is up: only then can it be acknowledged.</summary>
    public bool ConnectionOpen => connection.IsConnected(generation);

    /// <summary>
    /// True when the broker has delivered the message again: it is unacknowledged QoS 1 or 2, a later connection has
    /// been established, and every connection since resumed the same session (the broker said "session present").
    /// A connection without a session means the broker forgot it: Ingest's copy is the only one.
    /// </summary>
    public bool WillRedeliver => !AtMostOnce && connection.ResumedSessionSince(generation);

    /// <summary>Acknowledges the message (nothing for QoS 0); when its connection is gone the broker redelivers it instead.</summary>
    public Task AcknowledgeAsync(CancellationToken cancellationToken)
        => AtMostOnce ? Task.CompletedTask : connection.AcknowledgeAsync(args, generation, cancellationToken);

    /// <summary>Collects the acknowledgements sent on this message's connection until the scope ends, and sends them in one write.</summary>
    public HeldWrites HoldWrites() => connection.HoldWrites();
}
