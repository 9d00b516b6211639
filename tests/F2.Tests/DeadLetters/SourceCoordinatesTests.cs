using F2.Storage.DeadLetters;

namespace F2.Tests.DeadLetters;

public sealed class SourceCoordinatesTests
{
    [Theory]
    [InlineData("raw_iot_data/3@1234", "raw_iot_data", 3, 1234L)]
    [InlineData("decoded_iot_data/0@0", "decoded_iot_data", 0, 0L)]
    public void ASourceHeaderReadsAsItsTopicPartitionAndOffset(string text, string topic, int partition, long offset)
    {
        Assert.True(SourceCoordinates.TryParse(text, out SourceCoordinates coordinates));
        Assert.Equal(new SourceCoordinates(topic, partition, offset), coordinates);
        Assert.Equal(text, coordinates.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("raw_iot_data")]
    [InlineData("raw_iot_data/3")]
    [InlineData("/3@4")]
    [InlineData("raw_iot_data/x@4")]
    [InlineData("raw_iot_data/-1@4")]
    [InlineData("raw_iot_data/1@")]
    [InlineData("raw_iot_data/1@99999999999999999999")]
    public void AnythingElseIsNotASource(string? text)
    {
        Assert.False(SourceCoordinates.TryParse(text, out _));
    }
}
