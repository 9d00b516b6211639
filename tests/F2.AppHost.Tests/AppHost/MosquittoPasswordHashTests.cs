using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using F2.AppHost.Mqtt;

namespace F2.Tests.AppHost;

/// <summary>Container mode writes Mosquitto's password file itself (the Docker host need not have mosquitto_passwd).</summary>
public sealed class MosquittoPasswordHashTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void LineIsMosquittoPbkdf2Sha512OfThePasswordAndNeverThePasswordItself()
    {
        var line = MosquittoPasswordHash.Line("f2", "s3cret").TrimEnd('\n');

        var separator = line.IndexOf(':', StringComparison.Ordinal);
        var parts = line[(separator + 1)..].Split('$');
        Assert.Equal("f2", line[..separator]);
        Assert.Equal(["", "7", "101"], parts[..3]);
        var expected = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("s3cret"), Convert.FromBase64String(parts[3]), 101, HashAlgorithmName.SHA512, 64);
        Assert.Equal(Convert.ToBase64String(expected), parts[4]);
        Assert.DoesNotContain("s3cret", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MosquittoAcceptsThePasswordAndRefusesAnother()
    {
        using var folder = new TestStateFolder();
        var port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "passwords"), MosquittoPasswordHash.Line("f2", "s3cret"));
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "mosquitto.conf"),
            $"user root\nlistener {port} 127.0.0.1\nallow_anonymous false\npassword_file {folder.Path}/passwords\n");
        using var broker = Process.Start(new ProcessStartInfo("mosquitto", ["-c", Path.Combine(folder.Path, "mosquitto.conf")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            await WaitForPortAsync(port);

            Assert.Equal(0, await PublishAsync(port, "s3cret"));
            Assert.NotEqual(0, await PublishAsync(port, "wrong"));
        }
        finally
        {
            broker.Kill();
            await broker.WaitForExitAsync().WaitAsync(Timeout);
        }
    }

    private static async Task<int> PublishAsync(int port, string password)
    {
        using var publish = Process.Start(new ProcessStartInfo("mosquitto_pub",
            ["-h", "127.0.0.1", "-p", $"{port}", "-u", "f2", "-P", password, "-t", "cmnd/test", "-m", "x"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await publish.WaitForExitAsync().WaitAsync(Timeout);
        return publish.ExitCode;
    }

    private static async Task WaitForPortAsync(int port)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Timeout);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
