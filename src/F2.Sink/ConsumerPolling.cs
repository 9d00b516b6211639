using System.Diagnostics;
using Confluent.Kafka;

namespace F2.Sink;

/// <summary>The polling both of the Sink's consume loops share: a poll that logs and survives non-fatal errors, and a paused wait.</summary>
internal static class ConsumerPolling
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(250);

    /// <summary>One poll of at most <paramref name="timeout"/>; null for nothing, or a non-fatal consume error (logged).</summary>
    public static ConsumeResult<TKey, TValue>? Poll<TKey, TValue>(IConsumer<TKey, TValue> consumer, TimeSpan timeout, ILogger logger)
    {
        try
        {
            return consumer.Consume(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero);
        }
        catch (ConsumeException exception) when (!exception.Error.IsFatal)
        {
            Log.ConsumeError(logger, exception.Error.Reason);
            return null;
        }
    }

    /// <summary>
    /// Waits out a retry delay with every partition paused, still polling so the group membership stays alive; false
    /// if stopped meanwhile.
    /// </summary>
    public static bool WaitPaused<TKey, TValue>(IConsumer<TKey, TValue> consumer, TimeSpan delay, ILogger logger, CancellationToken stoppingToken)
    {
        consumer.Pause(consumer.Assignment);
        long started = Stopwatch.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan left = delay - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return true;
            }

            ConsumeResult<TKey, TValue>? result = Poll(consumer, left < IdlePoll ? left : IdlePoll, logger);
            if (result?.Message is not null)
            {
                // A partition assigned during the outage is not paused yet: put its record back for later.
                consumer.Seek(result.TopicPartitionOffset);
                consumer.Pause([result.TopicPartition]);
            }
        }

        return false;
    }
}
