using System.Collections.Concurrent;
using Confluent.Kafka;

namespace F2.Testing.BadInput;

/// <summary>
/// Reads one topic from the beginning of every partition for as long as it lives, on its own thread, keeping the
/// records a <c>keep</c> filter selects (a flood's records need not all stay in memory) and counting every one.
/// </summary>
public sealed class TopicTail : IDisposable
{
    private readonly ConcurrentQueue<ConsumeResult<string?, byte[]>> _records = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<ConsumeResult<string?, byte[]>, bool> _keep;
    private readonly Task _reading;
    private long _count;

    public TopicTail(string bootstrapServers, string topic, int partitions, Func<ConsumeResult<string?, byte[]>, bool>? keep = null)
    {
        _keep = keep ?? (_ => true);
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "f2-test-tail-" + Guid.NewGuid().ToString("N"), // required by the client, never joined
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
        };
        var consumer = new ConsumerBuilder<string?, byte[]>(config)
            .SetKeyDeserializer(Deserializers.Utf8)
            .SetValueDeserializer(Deserializers.ByteArray)
            .Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(partition => new TopicPartitionOffset(topic, partition, Offset.Beginning)));
        _reading = Task.Factory.StartNew(() => Read(consumer), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Every record read so far, kept or not.</summary>
    public long Count => Interlocked.Read(ref _count);

    public IReadOnlyCollection<ConsumeResult<string?, byte[]>> Records => _records;

    /// <summary>Waits until the kept records hold one that matches; returns it, or null after <paramref name="timeout"/>.</summary>
    public async Task<ConsumeResult<string?, byte[]>?> WaitForAsync(Func<ConsumeResult<string?, byte[]>, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var found = _records.FirstOrDefault(match);
        while (found is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            found = _records.FirstOrDefault(match);
        }

        return found;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _reading.GetAwaiter().GetResult();
        _stop.Dispose();
    }

    private void Read(IConsumer<string?, byte[]> consumer)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var record = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (record is null)
                {
                    continue;
                }

                Interlocked.Increment(ref _count);
                if (_keep(record))
                {
                    _records.Enqueue(record);
                }
            }
        }
        finally
        {
            consumer.Close();
            consumer.Dispose();
        }
    }
}
