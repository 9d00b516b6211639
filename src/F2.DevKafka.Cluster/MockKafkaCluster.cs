using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using F2.Integrations.Kafka;
using F2.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace F2.DevKafka;

/// <summary>
/// The development Kafka stand-in: librdkafka's mock cluster (not Kafka), bound through P/Invoke to the librdkafka
/// that Confluent.Kafka loaded. Its brokers speak the Kafka protocol on real TCP ports of 127.0.0.1, so ordinary
/// Confluent.Kafka producers, consumers, consumer groups and offset commits work against
/// <see cref="BootstrapServers"/>. Data lives in this process's memory and is lost on <see cref="Dispose"/>.
/// <para>Facts about the librdkafka 2.16 mock (rdkafka_mock.c), which shape how it is used here:</para>
/// <list type="bullet">
/// <item>Ports: every broker binds <c>127.0.0.1:0</c>, a port the kernel picks. There is no way to choose it:
/// no <c>test.mock.*</c> property names a port (only <c>test.mock.num.brokers</c> and <c>test.mock.broker.rtt</c>
/// exist), and <c>rd_kafka_mock_broker_set_host_port</c> changes only the host/port <em>advertised</em> in
/// metadata, not the socket that listens. A fixed port therefore needs a TCP forwarder in front (F2.DevKafka).
/// A broker keeps its port across <see cref="SetBrokerDown"/>/<see cref="SetBrokerUp"/>.</item>
/// <item>Topics: admin calls (CreateTopics) are not served; create topics with <see cref="CreateTopic"/>. A topic
/// a producer names before it exists is auto-created with 4 partitions.</item>
/// <item>Retention: each partition keeps at most 5 MiB (of batches as sent, i.e. after compression) or 100,000
/// batches; older records are dropped silently, so a consumer lagging further than that finds its offset out of
/// range. Measured: 100,000 uncompressed 200-byte records on one partition leave offsets 80,661 onwards.</item>
/// <item>Groups: a new consumer group waits 3 s before its first assignment unless
/// <see cref="SetGroupInitialRebalanceDelay"/> shortens it. When a group's last member leaves, the next member to
/// join waits the leaver's <c>session.timeout.ms</c> minus 1 s before its assignment (so keep that short against
/// the mock). Transactions exist only on the surface.</item>
/// <item><see cref="SetBrokerDown"/> closes the broker's connections and refuses new ones; it does not move
/// partition leadership (use <see cref="SetPartitionLeader"/>).</item>
/// <item>Fetches: a fetch returns one producer batch per partition, found by walking every batch the partition
/// retains; a fetch that finds nothing is held for the client's whole <c>fetch.wait.max.ms</c>, even when records
/// arrive meanwhile (see <see cref="ClientFetchWait"/>).</item>
/// </list>
/// </summary>
public sealed unsafe partial class MockKafkaCluster : IDisposable
{
    /// <summary>
    /// <c>Kafka:ConsumerFetchWait</c> for services that use the stand-in (the AppHost's local mode and the harness set
    /// it). A Kafka broker answers a fetch as soon as records arrive, so there the setting only bounds idle polling
    /// (default 50 ms); the stand-in holds a fetch that found nothing for the whole wait, so each consumer hop adds up
    /// to this much latency. The figures behind the value are in docs/PERFORMANCE.md, "Tuning knobs, measured".
    /// </summary>
    public const string ClientFetchWait = "00:00:00.010";

    /// <summary>
    /// <c>Kafka:ConsumerSessionTimeout</c> for services that use the stand-in (the AppHost's local mode and the harness
    /// set it, beside <see cref="ClientFetchWait"/>). The stand-in ignores static membership (<c>group.instance.id</c>),
    /// evicts a silent member only on a 1 s tick after the session timeout, and holds every rebalance that a join or an
    /// eviction starts for the session timeout minus 1 s before it assigns anything; a killed member's partitions thus
    /// move after about twice the session timeout. Kafka's own default floor is 6 s (<c>group.min.session.timeout.ms</c>),
    /// which stays the product default; on Kafka a restarted member with its static instance id gets its partitions back
    /// at once (docs/OPERATIONS.md, Kafka consumer groups; figures in docs/RELIABILITY.md).
    /// </summary>
    public const string ClientSessionTimeout = "00:00:03";

    private const int ProducerHandleType = 0;

    private readonly LibrdkafkaMockApi _api;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private GCHandle _self;
    private nint _handle;
    private nint _cluster;

    private MockKafkaCluster(LibrdkafkaMockApi api, int brokerCount, ILogger logger)
    {
        _api = api;
        _logger = logger;
        BrokerCount = brokerCount;
        _self = GCHandle.Alloc(this);
        try
        {
            _handle = CreateHandle(api, GCHandle.ToIntPtr(_self));
            _cluster = api.ClusterNew(_handle, brokerCount);
            if (_cluster == 0)
            {
                throw new InvalidOperationException(
                    "rd_kafka_mock_cluster_new failed to start the development Kafka stand-in (see the log).");
            }

            BootstrapServers = Marshal.PtrToStringUTF8((nint)api.ClusterBootstraps(_cluster))
                ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Comma-separated <c>127.0.0.1:port</c> of every mock broker, for <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; } = "";

    /// <summary>How many brokers the cluster has; their ids are 1 to <see cref="BrokerCount"/>.</summary>
    public int BrokerCount { get; }

    /// <summary>The librdkafka the cluster runs in (the one Confluent.Kafka loaded).</summary>
    public static string LibraryPath => LibrdkafkaMockApi.Instance.LibraryPath;

    /// <summary>Starts a mock cluster with <paramref name="brokerCount"/> brokers on loopback ports.</summary>
    /// <param name="brokerCount">Number of brokers, 1 or more.</param>
    /// <param name="logger">Receives librdkafka's log lines for the mock (none when null).</param>
    public static MockKafkaCluster Start(int brokerCount = 1, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        return new MockKafkaCluster(LibrdkafkaMockApi.Instance, brokerCount, logger ?? NullLogger.Instance);
    }

    /// <summary>Creates a topic; fails if it exists already.</summary>
    public void CreateTopic(string name, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicationFactor, BrokerCount);
        fixed (byte* topic = Utf8(name))
        {
            lock (_gate)
            {
                ThrowOnError(_api.TopicCreate(LiveCluster(), topic, partitions, replicationFactor), $"create topic {name}");
            }
        }
    }

    /// <summary>Creates the pipeline's three topics (<see cref="KafkaTopics.All"/>) with the same partition count.</summary>
    public void CreatePipelineTopics(int partitions)
    {
        foreach (string topic in KafkaTopics.All)
        {
            CreateTopic(topic, partitions, Math.Min(BrokerCount, 3));
        }
    }

    /// <summary>Closes the broker's connections and refuses new ones until <see cref="SetBrokerUp"/>.</summary>
    public void SetBrokerDown(int brokerId)
    {
        lock (_gate)
        {
            ThrowOnError(_api.BrokerSetDown(LiveCluster(), brokerId), $"set broker {brokerId} down");
        }
    }

    /// <summary>Makes the broker accept connections again, on the same port.</summary>
    public void SetBrokerUp(int brokerId)
    {
        lock (_gate)
        {
            ThrowOnError(_api.BrokerSetUp(LiveCluster(), brokerId), $"set broker {brokerId} up");
        }
    }

    /// <summary>Whether the loaded librdkafka exports <c>rd_kafka_mock_partition_set_leader</c>.</summary>
    public bool CanSetPartitionLeader => _api.PartitionSetLeader != null;

    /// <summary>Moves a partition's leadership to <paramref name="brokerId"/> (-1: no leader).</summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId)
    {
        if (!CanSetPartitionLeader)
        {
            throw new NotSupportedException("The loaded librdkafka does not export rd_kafka_mock_partition_set_leader.");
        }

        fixed (byte* name = Utf8(topic))
        {
            lock (_gate)
            {
                ThrowOnError(_api.PartitionSetLeader(LiveCluster(), name, partition, brokerId),
                    $"set the leader of {topic} [{partition}] to broker {brokerId}");
            }
        }
    }

    /// <summary>How long a new consumer group waits for more members before its first assignment (mock default 3 s).</summary>
    public void SetGroupInitialRebalanceDelay(TimeSpan delay)
    {
        if (_api.GroupInitialRebalanceDelay == null)
        {
            throw new NotSupportedException(
                "The loaded librdkafka does not export rd_kafka_mock_group_initial_rebalance_delay_ms.");
        }

        int milliseconds = checked((int)delay.TotalMilliseconds);
        lock (_gate)
        {
            _api.GroupInitialRebalanceDelay(LiveCluster(), milliseconds);
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> requests of the Kafka API <paramref name="apiKey"/> (e.g. 8, OffsetCommit), to any
    /// broker, are answered with <paramref name="error"/>: a fault injector for tests.
    /// </summary>
    public void FailNextRequests(short apiKey, ErrorCode error, int count)
    {
        if (_api.PushRequestErrors == null)
        {
            throw new NotSupportedException("The loaded librdkafka does not export rd_kafka_mock_push_request_errors_array.");
        }

        int[] errors = Enumerable.Repeat((int)error, count).ToArray();
        fixed (int* first = errors)
        {
            lock (_gate)
            {
                _api.PushRequestErrors(LiveCluster(), apiKey, (nuint)errors.Length, first);
            }
        }
    }

    /// <summary>Stops the brokers and frees the cluster; safe to call more than once.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_cluster != 0)
            {
                _api.ClusterDestroy(_cluster); // must precede rd_kafka_destroy, or librdkafka asserts
                _cluster = 0;
            }

            if (_handle != 0)
            {
                _api.Destroy(_handle); // joins librdkafka's threads: no log callback can follow
                _handle = 0;
            }

            if (_self.IsAllocated)
            {
                _self.Free();
            }
        }
    }

    /// <summary>The native cluster; call with <see cref="_gate"/> held so Dispose cannot free it meanwhile.</summary>
    private nint LiveCluster()
    {
        ObjectDisposedException.ThrowIf(_cluster == 0, this);
        return _cluster;
    }

    private static void ThrowOnError(int errorCode, string what)
    {
        if (errorCode != 0)
        {
            var error = new Error((ErrorCode)errorCode);
            throw new KafkaException(new Error(error.Code, $"Mock cluster could not {what}: {error.Reason}"));
        }
    }

    private static nint CreateHandle(LibrdkafkaMockApi api, nint opaque)
    {
        nint conf = api.ConfNew();
        api.ConfSetOpaque(conf, opaque);
        api.ConfSetLogCallback(conf, &OnLog);
        Span<byte> error = stackalloc byte[512];
        fixed (byte* errorPointer = error)
        {
            SetConf(api, conf, "client.id", "f2-dev-kafka-mock", errorPointer, error.Length);
            // Warnings and worse only: the handle exists to host the mock, so its notices (e.g. "no
            // bootstrap.servers configured") would only mislead; mock failures are logged at error or critical.
            SetConf(api, conf, "log_level", "4", errorPointer, error.Length);
            nint handle = api.New(ProducerHandleType, conf, errorPointer, (nuint)error.Length);
            if (handle == 0)
            {
                api.ConfDestroy(conf); // rd_kafka_new takes the conf only on success
                throw new InvalidOperationException(
                    "rd_kafka_new failed: " + Marshal.PtrToStringUTF8((nint)errorPointer));
            }

            return handle;
        }
    }

    private static void SetConf(LibrdkafkaMockApi api, nint conf, string name, string value, byte* error, int errorSize)
    {
        fixed (byte* namePointer = Utf8(name))
        fixed (byte* valuePointer = Utf8(value))
        {
            if (api.ConfSet(conf, namePointer, valuePointer, error, (nuint)errorSize) != 0)
            {
                throw new InvalidOperationException(
                    $"rd_kafka_conf_set({name}) failed: {Marshal.PtrToStringUTF8((nint)error)}");
            }
        }
    }

    [UnmanagedCallersOnly]
    private static void OnLog(nint handle, int level, byte* facility, byte* message)
    {
        nint opaque = LibrdkafkaMockApi.Instance.Opaque(handle);
        if (opaque != 0 && GCHandle.FromIntPtr(opaque).Target is MockKafkaCluster cluster)
        {
            Log.MockClusterLog(cluster._logger, KafkaLogging.ToLogLevel(level),
                Marshal.PtrToStringUTF8((nint)facility) ?? "", Marshal.PtrToStringUTF8((nint)message) ?? "");
        }
    }

    private static byte[] Utf8(string value)
    {
        byte[] bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }
}
