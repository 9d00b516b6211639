using System.Security.Cryptography;
using System.Text;
using F2.AppHost.Mqtt;

namespace F2.Tests.AppHost;

public sealed class MosquittoFilesTests
{
    private static readonly MosquittoSetup Setup = new(11883, "127.0.0.1", "/state/mosquitto/data", "/state/mosquitto/config/passwd", RunAsUser: null);

    [Fact]
    public void ConfigRequiresAPasswordAndKeepsQueuedMessagesAcrossRestarts()
    {
        var lines = MosquittoFiles.Config(Setup).Split('\n', StringSplitOptions.TrimEntries);

        Assert.Contains("listener 11883 127.0.0.1", lines);
        Assert.Contains("allow_anonymous false", lines);
        Assert.Contains("password_file /state/mosquitto/config/passwd", lines);
        Assert.Contains("persistence true", lines);
        Assert.Contains("persistence_location /state/mosquitto/data/", lines);
        Assert.Contains("autosave_interval 1", lines);
        Assert.Contains("max_queued_messages 1000000", lines);
        Assert.DoesNotContain(lines, line => line.StartsWith("user ", StringComparison.Ordinal));
    }

    [Fact]
    public void PasswordLineIsMosquittoPbkdf2Sha512OfThePassword()
    {
        var line = MosquittoFiles.PasswordLine("f2", "s3cret").TrimEnd('\n');

        var (user, hashed) = (line[..line.IndexOf(':')], line[(line.IndexOf(':') + 1)..]);
        var parts = hashed.Split('$');
        Assert.Equal("f2", user);
        Assert.Equal(["", "7", "101"], parts[..3]);
        var expected = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("s3cret"), Convert.FromBase64String(parts[3]), 101, HashAlgorithmName.SHA512, 64);
        Assert.Equal(Convert.ToBase64String(expected), parts[4]);
        Assert.DoesNotContain("s3cret", line, StringComparison.Ordinal);
    }
}
