using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using F2.Protocol;
using F2.Simulator.Generation;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace F2.Simulator.Publishing;

/// <summary>
/// One MQTT v5 connection that publishes simulated messages, each in a producer span whose W3C context travels in the
/// <c>traceparent</c> (and <c>tracestate</c>) user property. Many publishes may be in flight on it at once. After a
/// lost connection the first publisher to notice reconnects, with backoff, while the others wait.
/// </summary>
internal sealed class PublisherConnection(MqttClientOptions options, MqttQualityOfServiceLevel qos, SimulatorTelemetry telemetry, ILogger logger)
    : IDisposable
{
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);

    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient(new CoalescingClientAdapterFactory());
    private readonly SemaphoreSlim _reconnect = new(1, 1);

    public string ClientId => options.ClientId;

    /// <summary>
    /// The broker's Receive Maximum (from CONNACK; 65,535 when it sent none): MQTT 5 forbids more unacknowledged
    /// QoS 1 and 2 publishes than this, and Mosquitto rejects QoS 2 publishes beyond it (quota exceeded).
    /// </summary>
    public int ReceiveMaximum { get; private set; } = ushort.MaxValue;

    /// <summary>Connects, trying <paramref name="attempts"/> times with a doubling wait; false when every attempt failed.</summary>
    public async Task<bool> ConnectAsync(int attempts, TimeSpan firstDelay, CancellationToken cancellationToken)
    {
        TimeSpan delay = firstDelay;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                MqttClientConnectResult result = await _client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
                ReceiveMaximum = result.ReceiveMaximum is > 0 and ushort receiveMaximum ? receiveMaximum : ushort.MaxValue;
                return true;
            }
            catch (Exception ex) when (IsConnectionFailure(ex, cancellationToken))
            {
                if (attempt >= attempts)
                {
                    Log.ConnectAttemptFailed(logger, ClientId, attempt, attempts, TimeSpan.Zero, ex);
                    return false;
                }

                Log.ConnectAttemptFailed(logger, ClientId, attempt, attempts, delay, ex);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = Min(delay * 2, MaxReconnectDelay);
            }
        }
    }

    /// <summary>Publishes one message; a failure is counted (and the connection restored), never thrown.</summary>
    public async Task PublishAsync(SimulatedMessage message, CancellationToken cancellationToken)
    {
        using Activity? activity = TraceContext.StartPublish(message, ClientId);
        MqttApplicationMessage mqttMessage = new MqttApplicationMessageBuilder()
            .WithTopic(message.Topic)
            .WithPayload(message.Payload)
            .WithQualityOfServiceLevel(qos)
            .WithUserProperty(RecordHeaders.TraceParent, TraceContext.TraceParentOf(activity))
            .Build();
        if (activity?.TraceStateString is { Length: > 0 } traceState)
        {
            mqttMessage.UserProperties.Add(new(RecordHeaders.TraceState, Encoding.UTF8.GetBytes(traceState)));
        }

        try
        {
            MqttClientPublishResult result = await _client.PublishAsync(mqttMessage, cancellationToken).ConfigureAwait(false);
            if (result.ReasonCode is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers)
            {
                telemetry.RecordPublished();
                return;
            }

            telemetry.RecordFailure(result.ReasonCode.ToString());
            activity?.SetStatus(ActivityStatusCode.Error, result.ReasonCode.ToString());
        }
        catch (Exception ex) when (IsConnectionFailure(ex, cancellationToken))
        {
            telemetry.RecordFailure(ex.GetType().Name);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            Log.PublishFailed(logger, message.Topic, ex);
            await ReconnectAsync(ex, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _reconnect.Dispose();
    }

    /// <summary>Disconnects cleanly (publishes still in flight complete or fail first).</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptions(), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReconnectAsync(Exception cause, CancellationToken cancellationToken)
    {
        await _reconnect.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            TimeSpan delay = TimeSpan.FromMilliseconds(250);
            for (int attempt = 1; !_client.IsConnected; attempt++)
            {
                Log.Reconnecting(logger, ClientId, attempt, delay, attempt == 1 ? cause : null);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = Min(delay * 2, MaxReconnectDelay);
                try
                {
                    await _client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
                    Log.Reconnected(logger, ClientId);
                }
                catch (Exception ex) when (IsConnectionFailure(ex, cancellationToken))
                {
                    cause = ex;
                }
            }
        }
        finally
        {
            _reconnect.Release();
        }
    }

    private static bool IsConnectionFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is MqttCommunicationException or SocketException or IOException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
