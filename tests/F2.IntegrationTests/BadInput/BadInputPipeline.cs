using Confluent.Kafka;
using F2.Hosting.Mosquitto;
using F2.Protocol;
using F2.Testing.BadInput;
using F2.Tests.EndToEnd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace F2.Tests.BadInput;

/// <summary>
/// The whole pipeline in process (Ingest, Decoder, Sink, the Kafka stand-in) with a broker and PostgreSQL of its
/// own: the corpus leaves retained messages on its broker, which no other test should receive.
/// </summary>
public sealed class BadInputPipeline : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = PipelineRun.Timeout;

    private PipelineRun? _run;
    private TopicTail? _deadLetters;

    public MosquittoServer Mosquitto { get; } = new();

    public PostgresServer Postgres { get; } = new();

    internal PipelineRun Run => _run ?? throw new InvalidOperationException("The pipeline has not started.");

    /// <summary>Every dead letter since the pipeline started.</summary>
    public TopicTail DeadLetters => _deadLetters ?? throw new InvalidOperationException("The pipeline has not started.");

    public BadInputJudge Judge => new(DeadLetters, CountRowsAsync);

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Mosquitto.InitializeAsync(), Postgres.InitializeAsync()).WaitAsync(Timeout);
        _run = await PipelineRun.StartAsync(Mosquitto, Postgres, BadInputCorpus.DeviceParameters);
        _deadLetters = new TopicTail(_run.Kafka.BootstrapServers, KafkaTopics.DeadLetter, PipelineRun.Partitions);
    }

    /// <summary>Publishes one kind on a connection of its own (a refusal ends the connection), as its account.</summary>
    public async Task<BrokerAnswer> PublishAsync(BadInputKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        await using var publisher = await ConnectAsync(kind.Account == CorpusAccount.Device ? Mosquitto.DeviceUser : Mosquitto.ServiceUser);
        using var timeout = new CancellationTokenSource(Timeout);
        return await publisher.PublishAsync(kind, timeout.Token);
    }

    public async Task<long> CountRowsAsync(string deviceId)
    {
        await using var command = Run.Telemetry.CreateCommand("SELECT count(*) FROM iot_measurements WHERE device_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = deviceId });
        return (long)(await command.ExecuteScalarAsync().WaitAsync(Timeout))!;
    }

    /// <summary>Rows of one device whose device time lies in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public async Task<long> CountRowsAsync(string deviceId, DateTime from, DateTime to)
    {
        await using var command = Run.Telemetry.CreateCommand("SELECT count(*) FROM iot_measurements WHERE device_id = $1 AND time BETWEEN $2 AND $3");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = deviceId });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = from });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = to });
        return (long)(await command.ExecuteScalarAsync().WaitAsync(Timeout))!;
    }

    /// <summary>Connects a publisher as <paramref name="user"/>.</summary>
    public async Task<RawMqttPublisher> ConnectAsync(MosquittoUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        using var timeout = new CancellationTokenSource(Timeout);
        var publisher = await RawMqttPublisher.ConnectAsync(
            Mosquitto.Host, Mosquitto.Port, "f2-bad-input-" + Guid.NewGuid().ToString("N")[..8], user.Name, user.Password, timeout.Token);
        Assert.Equal(MqttReasonCodes.Success, publisher.ConnectReasonCode);
        return publisher;
    }

    /// <summary>Records of <c>raw_iot_data</c> now (the sum of its partitions' high watermarks).</summary>
    public long RawRecordCount()
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = Run.Kafka.BootstrapServers, GroupId = "f2-test-watermarks" }).Build();
        return Enumerable.Range(0, PipelineRun.Partitions).Sum(partition => consumer.QueryWatermarkOffsets(new TopicPartition(KafkaTopics.Raw, partition), Timeout).High.Value);
    }

    /// <summary>Each service's health checks that are not Healthy, as "check: status (description)"; empty when all are.</summary>
    public async Task<IReadOnlyList<string>> UnhealthyChecksAsync()
    {
        var unhealthy = new List<string>();
        foreach (var service in Run.Services)
        {
            var report = await service.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WaitAsync(Timeout);
            unhealthy.AddRange(report.Entries
                .Where(entry => entry.Value.Status != HealthStatus.Healthy)
                .Select(entry => $"{entry.Key}: {entry.Value.Status} ({entry.Value.Description})"));
        }

        return unhealthy;
    }

    public async Task DisposeAsync()
    {
        _deadLetters?.Dispose();
        if (_run is not null)
        {
            await _run.DisposeAsync();
        }

        await Mosquitto.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}

/// <summary>Tests that share one <see cref="BadInputPipeline"/>; they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BadInputCollection : ICollectionFixture<BadInputPipeline>
{
    public const string Name = "BadInput";
}
