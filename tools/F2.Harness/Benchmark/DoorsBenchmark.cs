using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Confluent.Kafka;
using F2.Harness.Pipeline;
using F2.Protocol;
using F2.Testing;
using F2.Testing.Doors;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace F2.Harness.Benchmark;

/// <summary>
/// <c>benchmark --phases doors</c>: the door stage (F2.Doors) as its own process, beside the Kafka stand-in (F2.DevKafka)
/// and PostgreSQL, fed door-heavy decoded traffic (<see cref="DoorTraffic"/>: grants, exits, forced and held openings,
/// denied reads, unexplained unlocks, failed relocks, an RS-485 reading after each sequence) paced at
/// <c>--doors-rate</c> for <c>--doors-seconds</c>. It keeps up when its committed position (<c>door_offsets</c>) trails
/// what was produced by at most a second's worth all along and reaches the end soon after. Reported: the rate produced,
/// the largest lag, the time to drain, the events written, and the stage's CPU time (user + system) per message.
/// </summary>
public sealed class DoorsBenchmark(BenchmarkOptions options, ServiceBinaries binaries, ILogger logger)
{
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(2);

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.LogDirectory);
        double loadAtStart = MachineFacts.LoadAverage();
        int total = (int)(options.DoorsRate * options.DoorsSeconds);
        byte[][] records = Traffic(total, out string[] keys);
        var postgres = new PostgresServer();
        await postgres.InitializeAsync().WaitAsync(SetupTimeout, cancellationToken).ConfigureAwait(false);
        int kafkaPort = BenchmarkPorts.Free();
        string bootstrap = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{kafkaPort}");
        await using var kafka = new ServiceProcess("kafka", ServiceKind.DevKafka, binaries.PathOf(ServiceKind.DevKafka), BenchmarkPorts.Free(),
            new Dictionary<string, string>
            {
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["DevKafka__Port"] = kafkaPort.ToString(CultureInfo.InvariantCulture),
                ["DevKafka__PartitionsPerTopic"] = options.Partitions.ToString(CultureInfo.InvariantCulture),
            },
            Path.Combine(options.LogDirectory, "kafka.log"), logger);
        try
        {
            kafka.Start();
            await kafka.WaitHealthyAsync(SetupTimeout, cancellationToken).ConfigureAwait(false);
            string deviceDb = await postgres.CreateDatabaseAsync("devicedb").ConfigureAwait(false);
            string telemetryDb = await postgres.CreateDatabaseAsync("telemetrydb").ConfigureAwait(false);
            var environment = new Dictionary<string, string>
            {
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__kafka"] = bootstrap,
                ["ConnectionStrings__devicedb"] = deviceDb,
                ["ConnectionStrings__telemetrydb"] = telemetryDb,
            };
            foreach ((string key, string value) in options.Settings)
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            foreach ((string key, string value) in options.ServiceEnvironment)
            {
                environment[key] = value;
            }

            await using var doors = new ServiceProcess("doors", ServiceKind.Doors, binaries.PathOf(ServiceKind.Doors), BenchmarkPorts.Free(),
                environment, Path.Combine(options.LogDirectory, "doors.log"), logger);
            doors.Start();
            await doors.WaitHealthyAsync(SetupTimeout, cancellationToken).ConfigureAwait(false);
            await using NpgsqlDataSource telemetry = NpgsqlDataSource.Create(telemetryDb);
            await WaitAsync(async () => await ProcessedAsync(telemetry, cancellationToken).ConfigureAwait(false) >= 0, SetupTimeout, cancellationToken).ConfigureAwait(false);

            doors.Sample();
            double cpuBefore = doors.CpuSeconds;
            long maxLag = 0;
            var produced = new StrongBox<long>();
            using var producing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var stopwatch = Stopwatch.StartNew();
            Task produce = Task.Run(() => Produce(bootstrap, records, keys, options.DoorsRate, produced, producing.Token), CancellationToken.None);
            while (!produce.IsCompleted)
            {
                await Task.WhenAny(produce, Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken)).ConfigureAwait(false);
                long done = await ProcessedAsync(telemetry, cancellationToken).ConfigureAwait(false);
                maxLag = Math.Max(maxLag, Volatile.Read(ref produced.Value) - done);
            }

            await produce.ConfigureAwait(false);
            double producedSeconds = stopwatch.Elapsed.TotalSeconds;
            await WaitAsync(
                async () => await ProcessedAsync(telemetry, cancellationToken).ConfigureAwait(false) >= total, DrainTimeout, cancellationToken).ConfigureAwait(false);
            double drainSeconds = stopwatch.Elapsed.TotalSeconds - producedSeconds;
            doors.Sample();
            double cpu = doors.CpuSeconds - cpuBefore;
            long events = await ScalarAsync(telemetry, "SELECT count(*) FROM door_events", cancellationToken).ConfigureAwait(false);
            MachineFacts machine = MachineFacts.Read(binaries.RepositoryRoot);
            return string.Create(CultureInfo.InvariantCulture, $"""
                | date | commit | messages | produced at | largest lag | drained after the last | door events | F2.Doors CPU per message | load average (start, end) |
                |---|---|---:|---:|---:|---:|---:|---:|---|
                | {DateTime.UtcNow:yyyy-MM-dd} | {machine.Commit} | {total:N0} | {total / producedSeconds:N0} msg/s (target {options.DoorsRate:N0}) | {maxLag:N0} messages | {drainSeconds:N1} s | {events:N0} | {cpu * 1e6 / total:N1} µs | {loadAtStart:N1}, {MachineFacts.LoadAverage():N1} |
                """);
        }
        finally
        {
            await postgres.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Door-heavy traffic: devices of two doors, sequences until there are <paramref name="total"/> messages.</summary>
    private static byte[][] Traffic(int total, out string[] keys)
    {
        int devices = Math.Max(10, total / 250);
        List<DecodedMessage> traffic = DoorTraffic.Generate(devices, sequencesPerDevice: 70, seed: 16, start: DateTime.UtcNow.AddHours(-2));
        if (traffic.Count < total)
        {
            throw new InvalidOperationException($"the traffic has {traffic.Count} messages, fewer than {total}");
        }

        keys = [.. traffic.Take(total).Select(message => message.Rows[0].DeviceId)];
        return [.. traffic.Take(total).Select(DecodedMessageJson.Serialize)];
    }

    /// <summary>Produces every record, paced at <paramref name="rate"/> per second (permits accrue with elapsed time).</summary>
    private static void Produce(string bootstrap, byte[][] records, string[] keys, double rate, StrongBox<long> produced, CancellationToken cancellationToken)
    {
        using IProducer<string, byte[]> producer = new ProducerBuilder<string, byte[]>(
            new ProducerConfig { BootstrapServers = bootstrap, Acks = Acks.All, LingerMs = 5 }).Build();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < records.Length; i++)
        {
            while (i >= clock.Elapsed.TotalSeconds * rate)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Thread.Sleep(1);
            }

            producer.Produce(KafkaTopics.Decoded, new Message<string, byte[]> { Key = keys[i], Value = records[i] });
            Interlocked.Increment(ref produced.Value);
        }

        producer.Flush(cancellationToken);
    }

    private static Task<long> ProcessedAsync(NpgsqlDataSource telemetry, CancellationToken cancellationToken) =>
        ScalarAsync(telemetry, "SELECT coalesce(sum(next_offset), 0) FROM door_offsets", cancellationToken);

    private static async Task<long> ScalarAsync(NpgsqlDataSource telemetry, string sql, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = telemetry.CreateCommand(sql);
        try
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return -1;
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition().ConfigureAwait(false))
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"gave up after {timeout}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }
}
