using System.Reflection;
using System.Runtime.InteropServices;

namespace F2.DevKafka;

/// <summary>
/// Function pointers into the librdkafka that Confluent.Kafka loaded, for the mock-cluster API that
/// Confluent.Kafka does not wrap. Binding to the very same library instance (not a second copy found on the
/// search path) keeps one set of librdkafka globals in the process.
/// </summary>
internal sealed unsafe class LibrdkafkaMockApi
{
    private static readonly Lazy<LibrdkafkaMockApi> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private LibrdkafkaMockApi(string libraryPath, nint library)
    {
        LibraryPath = libraryPath;
        ConfNew = (delegate* unmanaged<nint>)Require(library, "rd_kafka_conf_new");
        ConfSet = (delegate* unmanaged<nint, byte*, byte*, byte*, nuint, int>)Require(library, "rd_kafka_conf_set");
        ConfDestroy = (delegate* unmanaged<nint, void>)Require(library, "rd_kafka_conf_destroy");
        ConfSetLogCallback = (delegate* unmanaged<nint, delegate* unmanaged<nint, int, byte*, byte*, void>, void>)
            Require(library, "rd_kafka_conf_set_log_cb");
        ConfSetOpaque = (delegate* unmanaged<nint, nint, void>)Require(library, "rd_kafka_conf_set_opaque");
        Opaque = (delegate* unmanaged<nint, nint>)Require(library, "rd_kafka_opaque");
        New = (delegate* unmanaged<int, nint, byte*, nuint, nint>)Require(library, "rd_kafka_new");
        Destroy = (delegate* unmanaged<nint, void>)Require(library, "rd_kafka_destroy");
        ClusterNew = (delegate* unmanaged<nint, int, nint>)Require(library, "rd_kafka_mock_cluster_new");
        ClusterBootstraps = (delegate* unmanaged<nint, byte*>)Require(library, "rd_kafka_mock_cluster_bootstraps");
        ClusterDestroy = (delegate* unmanaged<nint, void>)Require(library, "rd_kafka_mock_cluster_destroy");
        TopicCreate = (delegate* unmanaged<nint, byte*, int, int, int>)Require(library, "rd_kafka_mock_topic_create");
        BrokerSetDown = (delegate* unmanaged<nint, int, int>)Require(library, "rd_kafka_mock_broker_set_down");
        BrokerSetUp = (delegate* unmanaged<nint, int, int>)Require(library, "rd_kafka_mock_broker_set_up");
        PartitionSetLeader = (delegate* unmanaged<nint, byte*, int, int, int>)
            Optional(library, "rd_kafka_mock_partition_set_leader");
        GroupInitialRebalanceDelay = (delegate* unmanaged<nint, int, void>)
            Optional(library, "rd_kafka_mock_group_initial_rebalance_delay_ms");
        PartitionPushRequestError = (delegate* unmanaged<nint, byte*, int, short, nuint, int, int>)
            Optional(library, "rd_kafka_mock_partition_push_request_errors");
        BrokerPushRequestErrorRtt = (delegate* unmanaged<nint, int, short, nuint, int, int, int>)
            Optional(library, "rd_kafka_mock_broker_push_request_error_rtts");
        PushRequestErrors = (delegate* unmanaged<nint, short, nuint, int*, void>)
            Optional(library, "rd_kafka_mock_push_request_errors_array");
    }

    /// <summary>The binding to the library Confluent.Kafka uses, loading it if needed.</summary>
    public static LibrdkafkaMockApi Instance => Loaded.Value;

    /// <summary>Where the bound librdkafka lives on disk (or the name it was resolved by, off Linux).</summary>
    public string LibraryPath { get; }

    public delegate* unmanaged<nint> ConfNew { get; }
    public delegate* unmanaged<nint, byte*, byte*, byte*, nuint, int> ConfSet { get; }
    public delegate* unmanaged<nint, void> ConfDestroy { get; }
    public delegate* unmanaged<nint, delegate* unmanaged<nint, int, byte*, byte*, void>, void> ConfSetLogCallback { get; }
    public delegate* unmanaged<nint, nint, void> ConfSetOpaque { get; }
    public delegate* unmanaged<nint, nint> Opaque { get; }
    public delegate* unmanaged<int, nint, byte*, nuint, nint> New { get; }
    public delegate* unmanaged<nint, void> Destroy { get; }
    public delegate* unmanaged<nint, int, nint> ClusterNew { get; }
    public delegate* unmanaged<nint, byte*> ClusterBootstraps { get; }
    public delegate* unmanaged<nint, void> ClusterDestroy { get; }
    public delegate* unmanaged<nint, byte*, int, int, int> TopicCreate { get; }
    public delegate* unmanaged<nint, int, int> BrokerSetDown { get; }
    public delegate* unmanaged<nint, int, int> BrokerSetUp { get; }

    /// <summary>Null when the loaded library does not export <c>rd_kafka_mock_partition_set_leader</c>.</summary>
    public delegate* unmanaged<nint, byte*, int, int, int> PartitionSetLeader { get; }

    /// <summary>Null when the loaded library does not export <c>rd_kafka_mock_group_initial_rebalance_delay_ms</c>.</summary>
    public delegate* unmanaged<nint, int, void> GroupInitialRebalanceDelay { get; }

    /// <summary>
    /// <c>rd_kafka_mock_partition_push_request_errors(cluster, topic, partition, api key, count, error...)</c>, bound for a
    /// count of 1 (the variadic tail is one <c>int</c>, passed like a named one); null when the library does not export it.
    /// </summary>
    public delegate* unmanaged<nint, byte*, int, short, nuint, int, int> PartitionPushRequestError { get; }

    /// <summary>
    /// <c>rd_kafka_mock_broker_push_request_error_rtts(cluster, broker, api key, count, error, rtt ms...)</c>, bound for a
    /// count of 1; null when the library does not export it.
    /// </summary>
    public delegate* unmanaged<nint, int, short, nuint, int, int, int> BrokerPushRequestErrorRtt { get; }

    /// <summary>Null when the loaded library does not export <c>rd_kafka_mock_push_request_errors_array</c>.</summary>
    public delegate* unmanaged<nint, short, nuint, int*, void> PushRequestErrors { get; }

    private static LibrdkafkaMockApi Load()
    {
        // Make Confluent.Kafka load its native library first (no-op if a client already did).
        Confluent.Kafka.Library.Load();
        string? path = FindLoadedLibrdkafka();
        if (path is not null)
        {
            return new LibrdkafkaMockApi(path, NativeLibrary.Load(path));
        }

        // Off Linux there is no /proc/self/maps: resolve the name the way Confluent.Kafka's deps.json does;
        // the loader hands back the module that is already loaded.
        Assembly confluent = typeof(Confluent.Kafka.Library).Assembly;
        if (NativeLibrary.TryLoad("librdkafka", confluent, null, out nint handle))
        {
            return new LibrdkafkaMockApi("librdkafka", handle);
        }

        throw new DllNotFoundException(
            "Could not find the librdkafka that Confluent.Kafka loaded (no librdkafka in /proc/self/maps).");
    }

    /// <summary>The path of the librdkafka shared object mapped into this process, from <c>/proc/self/maps</c>.</summary>
    internal static string? FindLoadedLibrdkafka()
    {
        const string Maps = "/proc/self/maps";
        if (!File.Exists(Maps))
        {
            return null;
        }

        foreach (string line in File.ReadLines(Maps))
        {
            // Format: address perms offset dev inode [path]; the path is the rest of the line from the first '/'.
            int slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                continue;
            }

            string path = line[slash..];
            string fileName = Path.GetFileName(path);
            if (fileName.Contains("librdkafka", StringComparison.Ordinal)
                && fileName.Contains(".so", StringComparison.Ordinal))
            {
                return path;
            }
        }

        return null;
    }

    private static nint Require(nint library, string name) =>
        NativeLibrary.TryGetExport(library, name, out nint address)
            ? address
            : throw new EntryPointNotFoundException($"The loaded librdkafka does not export {name}.");

    private static nint Optional(nint library, string name) =>
        NativeLibrary.TryGetExport(library, name, out nint address) ? address : 0;
}
