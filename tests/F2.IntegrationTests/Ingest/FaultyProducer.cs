using System.Reflection;
using Confluent.Kafka;

namespace F2.Tests.Ingest;

/// <summary>
/// A test seam, never a production setting: a Kafka producer that passes every call to a real one except
/// <c>Produce(topic, ...)</c>, which it gives to <see cref="Behaviour"/> with the real producer and the attempt's number
/// (1 for a message's first produce). It stands in for Ingest's producer to inject faults into Ingest's loops.
/// </summary>
public class FaultyProducer : DispatchProxy
{
    private IProducer<string?, byte[]> _inner = null!;
    private int _attempts;

    public delegate void ProduceBehaviour(
        IProducer<string?, byte[]> inner, int attempt, string topic, Message<string?, byte[]> message, Action<DeliveryReport<string?, byte[]>> report);

    private ProduceBehaviour Behaviour { get; set; } = null!;

    public static IProducer<string?, byte[]> Wrap(IProducer<string?, byte[]> inner, ProduceBehaviour behaviour)
    {
        var proxy = Create<IProducer<string?, byte[]>, FaultyProducer>();
        var faulty = (FaultyProducer)(object)proxy;
        faulty._inner = inner;
        faulty.Behaviour = behaviour;
        return proxy;
    }

    /// <summary>A failed delivery report, as librdkafka gives when Kafka did not acknowledge the record in time.</summary>
    public static DeliveryReport<string?, byte[]> TimedOut(string topic, Message<string?, byte[]> message) => new()
    {
        Error = new Error(ErrorCode.Local_MsgTimedOut),
        Message = message,
        Status = PersistenceStatus.NotPersisted,
        TopicPartitionOffset = new TopicPartitionOffset(topic, Partition.Any, Offset.Unset),
    };

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IProducer<string?, byte[]>.Produce) && args is [string topic, Message<string?, byte[]> message, Action<DeliveryReport<string?, byte[]>> report])
        {
            Behaviour(_inner, Interlocked.Increment(ref _attempts), topic, message, report);
            return null;
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            throw exception.InnerException;
        }
    }
}
