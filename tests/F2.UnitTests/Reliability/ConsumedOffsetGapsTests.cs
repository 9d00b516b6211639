using Confluent.Kafka;
using F2.Integrations.Kafka;

namespace F2.Tests.Reliability;

public sealed class ConsumedOffsetGapsTests
{
    private static readonly TopicPartition Partition = new("decoded_iot_data", 3);

    [Fact]
    public void TheRecordAtTheCommittedOffsetIsNoGap()
    {
        var gaps = new ConsumedOffsetGaps();
        gaps.Expect([new TopicPartitionOffset(Partition, 10)]);

        Assert.Equal(0, gaps.Consumed(At(10)));
        Assert.Equal(0, gaps.Consumed(At(11)));
    }

    [Fact]
    public void AFirstRecordPastTheCommittedOffsetReportsTheRecordsInBetween()
    {
        var gaps = new ConsumedOffsetGaps();
        gaps.Expect([new TopicPartitionOffset(Partition, 10)]);

        Assert.Equal(5, gaps.Consumed(At(15)));
    }

    [Fact]
    public void AJumpWhileConsumingReportsTheRecordsJumpedOver()
    {
        var gaps = new ConsumedOffsetGaps();
        gaps.Consumed(At(100));

        Assert.Equal(0, gaps.Consumed(At(101)));
        Assert.Equal(898, gaps.Consumed(At(1000)));
        Assert.Equal(0, gaps.Consumed(At(1001)));
    }

    [Fact]
    public void ANewGroupStartsWhereverTheLogStarts()
    {
        var gaps = new ConsumedOffsetGaps();
        gaps.Expect([new TopicPartitionOffset(Partition, Offset.Unset)]);

        Assert.Equal(0, gaps.Consumed(At(80_661)));
    }

    [Fact]
    public void ReadingAgainAfterASeekBackIsNoGap()
    {
        var gaps = new ConsumedOffsetGaps();
        gaps.Consumed(At(20));
        gaps.Consumed(At(21));

        Assert.Equal(0, gaps.Consumed(At(20)));
        Assert.Equal(0, gaps.Consumed(At(21)));
    }

    [Fact]
    public void ARevokedPartitionIsNotExpectedAnywhere()
    {
        var gaps = new ConsumedOffsetGaps();
        gaps.Expect([new TopicPartitionOffset(Partition, 10)]);
        gaps.Revoked([Partition]);

        Assert.Equal(0, gaps.Consumed(At(50)));
    }

    private static TopicPartitionOffset At(long offset) => new(Partition, offset);
}
