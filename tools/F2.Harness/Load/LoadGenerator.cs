using System.Diagnostics;
using System.Net.Sockets;
using F2.Integrations.Mqtt;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace F2.Harness.Load;

/// <summary>
/// Publishes at a fixed rate over MQTT 5, QoS 1, from <see cref="LoadPlan.Publishers"/> connections, and records each
/// publish's outcome in a <see cref="PublishLedger"/>. Paced by the clock: message <c>i</c> of a connection is due at
/// <c>i / rate</c>; what falls due while a connection is down is not offered at all (never made up in a burst), so
/// the offered rate stays the plan's. Publisher <c>p</c> of <c>P</c> cycles through devices <c>p, p+P, ...</c>; a
/// device's messages are numbered 0, 1, 2, ... in the order they are offered.
/// </summary>
public sealed class LoadGenerator(LoadDevices devices, MqttConnectionString broker, PublishLedger ledger, ILogger logger)
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ReconnectPause = TimeSpan.FromMilliseconds(250);

    /// <summary>Publishes until the plan's duration has passed, then waits for the outstanding acknowledgements.</summary>
    public async Task RunAsync(LoadPlan plan, CancellationToken cancellationToken)
    {
        int publishers = Math.Min(plan.Publishers, devices.Count);
        await Task.WhenAll(Enumerable.Range(0, publishers)
            .Select(publisher => PublishAsync(plan, publisher, publishers, cancellationToken))).ConfigureAwait(false);
    }

    private async Task PublishAsync(LoadPlan plan, int publisher, int publishers, CancellationToken cancellationToken)
    {
        int[] ownDevices = [.. Enumerable.Range(0, devices.Count).Where(device => device % publishers == publisher)];
        double rate = plan.Rate / publishers;
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        MqttClientOptions options = MqttClientOptionsFactory.CreateBuilder(broker, $"f2-harness-load-{publisher}-{Guid.NewGuid():N}")
            .WithCleanStart(true)
            .WithTimeout(ConnectTimeout)
            .Build();
        int window = Math.Max(1, Math.Min(plan.MaxInFlight, await ConnectAsync(client, options, cancellationToken).ConfigureAwait(false) ?? plan.MaxInFlight));
        using var inFlight = new SemaphoreSlim(window, window);
        var outstanding = new List<Task>();
        long started = Stopwatch.GetTimestamp();
        long offered = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed >= plan.Duration)
            {
                break;
            }

            long due = (long)(elapsed.TotalSeconds * rate);
            if (due <= offered)
            {
                await Task.Delay(TimeSpan.FromSeconds((offered + 1 - elapsed.TotalSeconds * rate) / rate), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!client.IsConnected)
            {
                offered = due; // not offered while the broker is unreachable
                if (await ConnectAsync(client, options, cancellationToken).ConfigureAwait(false) is null)
                {
                    await Task.Delay(ReconnectPause, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            for (; offered < due && client.IsConnected; offered++)
            {
                int device = ownDevices[offered % ownDevices.Length];
                var id = new MessageId(device, (int)(offered / ownDevices.Length));
                bool bad = (id.Device * 7 + id.Sequence) % plan.OneBadIn == 0;
                await inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
                ledger.Attempt();
                outstanding.Add(PublishOneAsync(client, id, bad, inFlight, cancellationToken));
            }

            foreach (Task done in outstanding.Where(task => task.IsCompleted).ToList())
            {
                await done.ConfigureAwait(false); // a publish that failed other than by connection loss is a bug here: surface it
            }

            outstanding.RemoveAll(task => task.IsCompleted);
        }

        await Task.WhenAll(outstanding).WaitAsync(PublishTimeout * 2, cancellationToken).ConfigureAwait(false);
        if (client.IsConnected)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), cancellationToken).WaitAsync(ConnectTimeout, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PublishOneAsync(IMqttClient client, MessageId id, bool bad, SemaphoreSlim inFlight, CancellationToken cancellationToken)
    {
        try
        {
            MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                .WithTopic(LoadDevices.Topic(id.Device))
                .WithPayload(devices.Payload(id, bad))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(PublishTimeout);
            MqttClientPublishResult result = await client.PublishAsync(message, timeout.Token).ConfigureAwait(false);
            if (result.ReasonCode == MqttClientPublishReasonCode.Success)
            {
                ledger.Acknowledged(id, bad);
            }
            else
            {
                ledger.Refuse(result.ReasonCode.ToString());
            }
        }
        catch (Exception e) when (IsConnectionFailure(e, cancellationToken))
        {
            ledger.Fail();
        }
        finally
        {
            inFlight.Release();
        }
    }

    /// <summary>One connection attempt; the broker's receive maximum on success, null on failure.</summary>
    private async Task<int?> ConnectAsync(IMqttClient client, MqttClientOptions options, CancellationToken cancellationToken)
    {
        try
        {
            MqttClientConnectResult result = await client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
            return result.ReceiveMaximum > 0 ? result.ReceiveMaximum : null;
        }
        catch (Exception e) when (IsConnectionFailure(e, cancellationToken))
        {
            Log.LoadConnectFailed(logger, options.ClientId, e.Message);
            return null;
        }
    }

    private static bool IsConnectionFailure(Exception e, CancellationToken cancellationToken) =>
        e is MqttCommunicationException or SocketException or IOException or InvalidOperationException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
