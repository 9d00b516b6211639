using F2.Hosting.Mosquitto;

namespace F2.Tests.Security;

public sealed class DevicePasswordFileTests : IDisposable
{
    private const string Hash = "$7$101$c2FsdHNhbHRzYWx0$aGFzaA==";
    private readonly string _file = Path.GetTempFileName();

    [Fact]
    public async Task HashedDeviceAccountsAreKeptAndBlankLinesAndCommentsSkipped()
    {
        await File.WriteAllTextAsync(_file, $"# devices of building 7\n\nf2-e4fd45f654be:{Hash}\n  f2-0123456789ab:{Hash}  \n");

        string accounts = await DevicePasswordFile.ReadAsync(_file, ["f2"], CancellationToken.None);

        Assert.Equal($"f2-e4fd45f654be:{Hash}\nf2-0123456789ab:{Hash}\n", accounts);
    }

    [Theory]
    [InlineData("f2-e4fd45f654be:plain-secret-1", "line 2", "plain-text")]
    [InlineData("f2-E4FD45F654BE:" + Hash, "line 2", "device id")]
    [InlineData("doorcontroller:" + Hash, "line 2", "device id")]
    [InlineData("f2-0123456789ab:" + Hash, "line 2", "repeats")]
    [InlineData("no colon here", "line 2", "name:hash")]
    public async Task ALineThatIsNotAHashedDeviceAccountIsRefusedByNumberWithoutItsContent(string line, string where, string why)
    {
        await File.WriteAllTextAsync(_file, $"f2-0123456789ab:{Hash}\n{line}\n");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DevicePasswordFile.ReadAsync(_file, ["f2"], CancellationToken.None));

        Assert.Contains(where, error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("plain-secret-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeviceAccountMayNotReplaceAGeneratedAccount()
    {
        await File.WriteAllTextAsync(_file, $"f2-0123456789ab:{Hash}\n");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DevicePasswordFile.ReadAsync(_file, ["f2-0123456789ab"], CancellationToken.None));

        Assert.Contains("repeats", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_file);
}
