using System.Globalization;
using F2.Harness.Load;
using F2.Harness.Pipeline;
using F2.Harness.Scenarios;
using F2.Integrations.DeviceParameters;
using F2.Protocol;
using F2.Testing;
using F2.Testing.BadInput;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace F2.Harness.BadInput;

/// <summary>
/// The bad-input scenario (<c>--only bad-input</c>): the corpus of <c>tests/F2.Testing/BadInput</c> published into
/// the pipeline running as processes, one kind at a time over a fresh connection, then a device flooding one topic
/// (2,000 messages, a quarter of them invalid), then one valid message. Each kind is judged like the in-process
/// test does (broker answer, dead letter with reason, stage and original bytes, or rows); the services must still
/// answer <c>/health</c> with 200 afterwards; their peak resident memory is recorded.
/// </summary>
public sealed class BadInputScenario(PostgresServer postgres, ServiceBinaries binaries, string logRoot, ILogger logger)
{
    public const string Name = "bad-input";

    /// <summary>The corpus's device ids start <c>f2-bad000</c>: never a load device (<c>f2-a7...</c>).</summary>
    private const string RunId = "bad000";

    /// <summary>The device of the valid message sent after everything else.</summary>
    private const string LateDevice = "f2-bad0ffffffff";

    private const int FloodMessages = 2_000;
    private const int FloodPayloadBytes = 1_024;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<BadInputResult> RunAsync(CancellationToken cancellationToken)
    {
        string logDirectory = Path.Combine(logRoot, Name);
        (DateTime At, double Load) start = (DateTime.UtcNow, MachineFacts.LoadAverage());
        var shape = new PipelineShape();
        await using PipelineInfrastructure infrastructure = await PipelineInfrastructure
            .StartAsync(postgres, shape, new LoadDevices(1, DateTime.UtcNow), logger, cancellationToken).ConfigureAwait(false);
        await using (var deviceData = NpgsqlDataSource.Create(infrastructure.Endpoints.DeviceDb))
        {
            await new DeviceParameterStore(deviceData).UpsertAsync([.. BadInputCorpus.DeviceParameters], cancellationToken).ConfigureAwait(false);
        }

        await using var processes = new PipelineProcesses(binaries, infrastructure.Endpoints, shape, logDirectory, logger);
        await processes.StartAsync(cancellationToken).ConfigureAwait(false);
        using var deadLetters = new TopicTail(infrastructure.Kafka.BootstrapServers, KafkaTopics.DeadLetter, shape.Partitions);
        var judge = new BadInputJudge(deadLetters, deviceId => CountRowsAsync(infrastructure.Telemetry, deviceId, null));
        var publishing = new CorpusPublisher(infrastructure.Mosquitto);

        var corpus = BadInputCorpus.Create(new BadInputCorpusSettings { RunId = RunId });
        Log.BadInputStarting(logger, corpus.Count, logDirectory);
        var answers = new List<BrokerAnswer>();
        foreach (BadInputKind kind in corpus)
        {
            answers.Add(await publishing.PublishAsync(kind, cancellationToken).ConfigureAwait(false));
            processes.Sample();
        }

        var verdicts = new List<BadInputVerdict>();
        for (int i = 0; i < corpus.Count; i++)
        {
            verdicts.Add(await judge.JudgeAsync(corpus[i], answers[i], Timeout).ConfigureAwait(false));
        }

        FloodFigures flood = await FloodAsync(infrastructure, publishing, deadLetters, processes, cancellationToken).ConfigureAwait(false);
        BadInputKind late = BadInputCorpus.ValidMessage(LateDevice);
        BadInputVerdict lateVerdict = await judge.JudgeAsync(late, await publishing.PublishAsync(late, cancellationToken).ConfigureAwait(false), Timeout).ConfigureAwait(false);
        processes.Sample();
        var result = new BadInputResult
        {
            Verdicts = verdicts,
            Flood = flood,
            LateMessageStored = lateVerdict.AsExpected,
            Health = [.. await Task.WhenAll(processes.Services.Select(service => HealthOfAsync(service, cancellationToken))).ConfigureAwait(false)],
            Processes = [.. processes.Services.Select(service => new ProcessFigures(service.Name, service.PeakResidentBytes, service.CpuSeconds, service.Starts))],
            Problems = [.. processes.Exited().Select(service => $"{service.Name} exited (see {service.LogPath})")],
            LogDirectory = logDirectory,
            Conditions = (start.At, MachineFacts.Read(binaries.RepositoryRoot).Commit, start.Load, MachineFacts.LoadAverage()),
        };
        Log.BadInputFinished(logger, result.Passed, verdicts.Count(verdict => verdict.AsExpected), verdicts.Count);
        return result;
    }

    private static async Task<FloodFigures> FloodAsync(
        PipelineInfrastructure infrastructure, CorpusPublisher publishing, TopicTail deadLetters, PipelineProcesses processes, CancellationToken cancellationToken)
    {
        var flood = new DeviceFlood(infrastructure.Mosquitto.DeviceUser.Name, FloodMessages, FloodPayloadBytes);
        IReadOnlyList<string> refused;
        await using (RawMqttPublisher device = await publishing.ConnectAsync(CorpusAccount.Device, cancellationToken).ConfigureAwait(false))
        {
            refused = await flood.PublishAsync(device, cancellationToken).ConfigureAwait(false);
        }

        var invalid = Enumerable.Range(0, flood.Count).Where(DeviceFlood.IsInvalid).Select(index => Convert.ToBase64String(flood.Payload(index))).ToHashSet();
        long rows = 0;
        long dead = 0;
        DateTime deadline = DateTime.UtcNow + Timeout * 2;
        while (DateTime.UtcNow < deadline && (rows < flood.ValidCount || dead < flood.InvalidCount))
        {
            processes.Sample();
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            rows = await CountRowsAsync(infrastructure.Telemetry, flood.DeviceId, flood.TimeRange).ConfigureAwait(false);
            dead = deadLetters.Records.Count(record => record.Message.Key == flood.DeviceId && invalid.Contains(Convert.ToBase64String(record.Message.Value)));
        }

        return new FloodFigures(flood.Count, refused.Count, flood.ValidCount, rows, flood.InvalidCount, dead);
    }

    private static async Task<long> CountRowsAsync(NpgsqlDataSource telemetry, string deviceId, (DateTime From, DateTime To)? range)
    {
        await using NpgsqlCommand command = telemetry.CreateCommand(range is null
            ? "SELECT count(*) FROM iot_measurements WHERE device_id = $1"
            : "SELECT count(*) FROM iot_measurements WHERE device_id = $1 AND time BETWEEN $2 AND $3");
        command.Parameters.Add(new NpgsqlParameter { Value = deviceId });
        if (range is { } times)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = times.From });
            command.Parameters.Add(new NpgsqlParameter { Value = times.To });
        }

        return (long)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    private static async Task<ServiceHealth> HealthOfAsync(ServiceProcess service, CancellationToken cancellationToken)
    {
        var uri = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{service.HealthPort}/health"));
        try
        {
            using HttpResponseMessage response = await Http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new ServiceHealth(service.Name, (int)response.StatusCode, body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ServiceHealth(service.Name, 0, e.Message);
        }
    }

    /// <summary>Connects as the broker's service or device account and publishes one kind per connection.</summary>
    private sealed class CorpusPublisher(MosquittoServer mosquitto)
    {
        public async Task<RawMqttPublisher> ConnectAsync(CorpusAccount account, CancellationToken cancellationToken)
        {
            var user = account == CorpusAccount.Device ? mosquitto.DeviceUser : mosquitto.ServiceUser;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            RawMqttPublisher publisher = await RawMqttPublisher.ConnectAsync(
                mosquitto.Host, mosquitto.Port, "f2-harness-bad-" + Guid.NewGuid().ToString("N")[..8], user.Name, user.Password, timeout.Token).ConfigureAwait(false);
            if (publisher.ConnectReasonCode != MqttReasonCodes.Success)
            {
                await publisher.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"The broker refused {user.Name}: {MqttReasonCodes.Describe(publisher.ConnectReasonCode)}");
            }

            return publisher;
        }

        public async Task<BrokerAnswer> PublishAsync(BadInputKind kind, CancellationToken cancellationToken)
        {
            await using RawMqttPublisher publisher = await ConnectAsync(kind.Account, cancellationToken).ConfigureAwait(false);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            return await publisher.PublishAsync(kind, timeout.Token).ConfigureAwait(false);
        }
    }
}
