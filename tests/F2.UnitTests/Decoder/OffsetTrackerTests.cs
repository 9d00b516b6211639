using Confluent.Kafka;
using F2.Decoder;

namespace F2.Tests.Decoder;

public sealed class OffsetTrackerTests
{
    private static readonly TopicPartition Partition0 = new("raw_iot_data", 0);
    private static readonly TopicPartition Partition1 = new("raw_iot_data", 1);

    [Fact]
    public void NothingIsCommittableBeforeARecordIsConsumed()
    {
        var tracker = new OffsetTracker();

        Assert.Empty(tracker.Committable());
    }

    [Fact]
    public void TheCommitOffsetStopsAtTheLowestRecordKafkaHasNotAcknowledged()
    {
        var tracker = new OffsetTracker();
        var progress = Consume(tracker, Partition0, 10, 11, 12, 13);

        tracker.Complete(progress, 10);
        tracker.Complete(progress, 12);
        tracker.Complete(progress, 13);

        Assert.Equal([new TopicPartitionOffset(Partition0, 11)], tracker.Committable());
        Assert.Equal(1, tracker.Pending);
    }

    [Fact]
    public void WhenEveryRecordIsAcknowledgedTheCommitOffsetIsOnePastTheLast()
    {
        var tracker = new OffsetTracker();
        var progress = Consume(tracker, Partition0, 5, 6, 7);

        foreach (long offset in new long[] { 7, 5, 6 })
        {
            tracker.Complete(progress, offset);
        }

        Assert.Equal([new TopicPartitionOffset(Partition0, 8)], tracker.Committable());
        Assert.Equal(0, tracker.Pending);
    }

    [Fact]
    public void PartitionsAreTrackedIndependently()
    {
        var tracker = new OffsetTracker();
        var first = Consume(tracker, Partition0, 0, 1);
        Consume(tracker, Partition1, 0);

        tracker.Complete(first, 0);
        tracker.Complete(first, 1);

        Assert.Equal(
            [new TopicPartitionOffset(Partition0, 2), new TopicPartitionOffset(Partition1, 0)],
            tracker.Committable().OrderBy(offset => offset.Partition.Value));
        Assert.Equal([new TopicPartitionOffset(Partition1, 0)], tracker.Committable([Partition1]));
    }

    [Fact]
    public void ACommittedOffsetIsNotOfferedAgainUntilTheNextRecordIsAcknowledged()
    {
        var tracker = new OffsetTracker();
        var progress = Consume(tracker, Partition0, 0, 1);
        tracker.Complete(progress, 0);
        tracker.Committed(tracker.Committable());

        Assert.Empty(tracker.Committable());

        tracker.Complete(progress, 1);
        Assert.Equal([new TopicPartitionOffset(Partition0, 2)], tracker.Committable());
    }

    [Fact]
    public void ARevokedPartitionStopsCountingAndItsLateAcknowledgementsAreIgnored()
    {
        var tracker = new OffsetTracker();
        var revoked = Consume(tracker, Partition0, 0, 1);
        var kept = Consume(tracker, Partition1, 0);

        tracker.Remove([Partition0]);
        tracker.Complete(revoked, 0);

        Assert.True(revoked.IsDetached);
        Assert.Equal(1, tracker.Pending);
        Assert.Equal([new TopicPartitionOffset(Partition1, 0)], tracker.Committable());

        tracker.Complete(kept, 0);
        Assert.Equal(0, tracker.Pending);
    }

    private static PartitionProgress Consume(OffsetTracker tracker, TopicPartition partition, params long[] offsets)
    {
        PartitionProgress? progress = null;
        foreach (long offset in offsets)
        {
            progress = tracker.Begin(new TopicPartitionOffset(partition, offset));
        }

        return progress!;
    }
}
