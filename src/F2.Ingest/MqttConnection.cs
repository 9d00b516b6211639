using F2.Integrations;
using F2.Integrations.Mqtt;
using MQTTnet;
using MQTTnet.Protocol;
using Microsoft.Extensions.Options;

namespace F2.Ingest;

/// <summary>
/// Ingest's MQTT 5 connection: a persistent session (clean start off, session expiry set) so that messages it has
/// not acknowledged are redelivered after a reconnect or a restart; reconnects with backoff; manual acknowledgements.
/// Every message goes to <see cref="MessageIntake"/> with an <see cref="MqttDelivery"/> that acknowledges it later.
/// </summary>
internal sealed class MqttConnection : IDisposable
{
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _clientOptions;
    private readonly IngestOptions _options;
    private readonly IngestStatus _status;
    private readonly MessageIntake _intake;
    private readonly ILogger<MqttConnection> _logger;
    private readonly string _server;
    private readonly BatchingStreamProvider _transport = new();
    private long _generation;
    private long _connectedGeneration;
    private long _freshSessionGeneration;
    private TaskCompletionSource<MqttClientDisconnectedEventArgs> _disconnected = NewSignal();

    public MqttConnection(
        MqttClientOptionsBuilder clientOptions, MessageIntake intake, IOptions<IngestOptions> options, IngestStatus status, ILogger<MqttConnection> logger)
    {
        _options = options.Value;
        _intake = intake;
        _status = status;
        _logger = logger;
        _clientOptions = clientOptions
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)_options.SessionExpiry.TotalSeconds)
            .WithReceiveMaximum((ushort)_options.MaxInFlight)
            .WithStreamProvider(_transport)
            .Build();
        _server = _clientOptions.ChannelOptions.ToString() ?? "?";
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    /// <summary>The current connection; an acknowledgement is only sent on the connection that delivered the message.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool IsConnected(long generation) => _client.IsConnected && Generation == generation;

    /// <summary>True when a later connection than <paramref name="generation"/> is up and every one since resumed its session.</summary>
    public bool ResumedSessionSince(long generation)
        => Interlocked.Read(ref _connectedGeneration) > generation && Interlocked.Read(ref _freshSessionGeneration) <= generation;

    /// <summary>Keeps the connection up until <paramref name="stoppingToken"/> fires; throws when the broker refuses Ingest.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        int attempt = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var disconnected = await ConnectAsync(stoppingToken);
                attempt = 0;
                var args = await disconnected.WaitAsync(stoppingToken);
                _status.MqttConnected = false;
                Log.Disconnected(_logger, args.Exception?.Message ?? args.Reason.ToString());
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
            {
                var delay = Backoff.DelayWithJitter(++attempt, _options.ReconnectDelayMax);
                Log.ConnectFailed(_logger, delay, exception);
                await DisconnectAsync(stoppingToken);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Collects the acknowledgements sent until the scope ends and sends them in one write.</summary>
    public HeldWrites HoldWrites() => _transport.HoldWrites();

    public async Task AcknowledgeAsync(MqttApplicationMessageReceivedEventArgs delivery, long generation, CancellationToken cancellationToken)
    {
        if (!IsConnected(generation))
        {
            Log.AckSkipped(_logger, delivery.ApplicationMessage.Topic);
            return;
        }

        try
        {
            await delivery.AcknowledgeAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is MQTTnet.Exceptions.MqttCommunicationException or ObjectDisposedException
            or OperationCanceledException or NullReferenceException)
        {
            // The connection closed between the check and the send (MQTTnet then has no channel adapter left and throws
            // NullReferenceException or ObjectDisposedException): the broker still holds the message and redelivers it.
            Log.AckFailed(_logger, delivery.ApplicationMessage.Topic, exception);
        }
    }

    /// <summary>Ends the connection cleanly; the session stays on the broker for the next start.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        _status.MqttConnected = false;
        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken);
        }
        catch (Exception exception) when (exception is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
        {
            Log.Disconnected(_logger, exception.Message);
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task<Task<MqttClientDisconnectedEventArgs>> ConnectAsync(CancellationToken cancellationToken)
    {
        Log.Connecting(_logger, _server, _options.ClientId);
        _disconnected = NewSignal();
        Interlocked.Increment(ref _generation);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_clientOptions.Timeout);
        var result = await _client.ConnectAsync(_clientOptions, timeout.Token);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            if (IsRetryable(result.ResultCode))
            {
                throw new MQTTnet.Exceptions.MqttCommunicationException($"The broker answered {result.ResultCode}");
            }

            Log.ConnectRefused(_logger, result.ResultCode.ToString(), result.ReasonString);
            throw new InvalidOperationException($"The MQTT broker refused the connection: {result.ResultCode}");
        }

        var subscription = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(filter => filter
                .WithTopic(_options.SubscriptionTopic)
                .WithAtLeastOnceQoS()
                .WithRetainHandling(MqttRetainHandling.SendAtSubscribeIfNewSubscriptionOnly))
            .Build();
        var subscribed = await _client.SubscribeAsync(subscription, timeout.Token);
        var code = subscribed.Items.First().ResultCode;
        if (code == MqttClientSubscribeResultCode.GrantedQoS0)
        {
            Log.SubscriptionDowngraded(_logger, _options.SubscriptionTopic);
            throw new InvalidOperationException($"The MQTT broker granted the subscription to {_options.SubscriptionTopic} only at QoS 0; Ingest needs QoS 1");
        }

        if (code is not (MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2))
        {
            Log.SubscribeRefused(_logger, _options.SubscriptionTopic, code.ToString());
            throw new InvalidOperationException($"The MQTT broker refused the subscription to {_options.SubscriptionTopic}: {code}");
        }

        long generation = Generation;
        if (!result.IsSessionPresent)
        {
            Interlocked.Exchange(ref _freshSessionGeneration, generation);
            if (_status.InFlight > 0)
            {
                Log.SessionLost(_logger, _status.InFlight);
            }
        }

        Interlocked.Exchange(ref _connectedGeneration, generation);
        _status.MqttConnected = true;
        Log.Connected(_logger, result.IsSessionPresent, _options.SubscriptionTopic, _options.MaxInFlight);
        return _disconnected.Task;
    }

    /// <summary>Runs on the client's message loop: awaiting the intake holds the next message back.</summary>
    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        args.AutoAcknowledge = false;
        return _intake.OnMessageAsync(new MqttDelivery(args, Generation, this));
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        // A failed connection attempt raises this event too (late, from another task): only a lost connection counts.
        if (!args.ClientWasConnected)
        {
            return Task.CompletedTask;
        }

        _status.MqttConnected = false;
        _disconnected.TrySetResult(args);
        return Task.CompletedTask;
    }

    private static bool IsRetryable(MqttClientConnectResultCode code) => code is
        MqttClientConnectResultCode.ServerUnavailable or MqttClientConnectResultCode.ServerBusy
        or MqttClientConnectResultCode.QuotaExceeded or MqttClientConnectResultCode.ConnectionRateExceeded
        or MqttClientConnectResultCode.UnspecifiedError or MqttClientConnectResultCode.ImplementationSpecificError;

    private static TaskCompletionSource<MqttClientDisconnectedEventArgs> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
