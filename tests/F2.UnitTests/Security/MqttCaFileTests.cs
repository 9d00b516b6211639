using F2.Integrations.Mqtt;
using MQTTnet;

namespace F2.Tests.Security;

/// <summary><c>?cafile=</c> in <c>ConnectionStrings:mqtt</c>: parsed for mqtts only, and loaded into the client's trust chain.</summary>
public sealed class MqttCaFileTests
{
    [Fact]
    public void AnMqttsConnectionStringMayNameACaFileWhichIsUrlDecodedAndShownWithoutThePassword()
    {
        var parsed = MqttConnectionString.Parse("mqtts://svc:hunter2@broker:8883?cafile=%2Fetc%2Ff2%2Fmqtt%20ca.pem");

        Assert.Equal("/etc/f2/mqtt ca.pem", parsed.CaFile);
        Assert.Equal("mqtts://svc:***@broker:8883?cafile=%2Fetc%2Ff2%2Fmqtt%20ca.pem", parsed.ToString());
        Assert.Null(MqttConnectionString.Parse("mqtts://svc:hunter2@broker").CaFile);
    }

    [Theory]
    [InlineData("mqtt://svc:hunter2@broker:1883?cafile=/etc/ca.pem")]
    [InlineData("mqtts://svc:hunter2@broker:8883?cafile=")]
    [InlineData("mqtts://svc:hunter2@broker:8883?cafile=/a.pem&x=1")]
    [InlineData("mqtts://svc:hunter2@broker:8883?capath=/etc/ssl")]
    public void AnythingElseInTheQueryIsRejectedWithoutEchoingThePassword(string value)
    {
        var error = Assert.Throws<FormatException>(() => MqttConnectionString.Parse(value));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Contains("cafile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCaFilesCertificatesBecomeTheClientsTrustChain()
    {
        string folder = Directory.CreateTempSubdirectory("f2-ca-").FullName;
        try
        {
            var certificates = TestCertificates.WriteTo(folder);
            var connection = MqttConnectionString.Parse($"mqtts://svc:pw@localhost:8883?cafile={Uri.EscapeDataString(certificates.CaFile)}");

            var options = MqttClientOptionsFactory.CreateBuilder(connection, "f2-test").Build();

            var tls = Assert.IsType<MqttClientTcpOptions>(options.ChannelOptions).TlsOptions;
            Assert.True(tls.UseTls);
            var root = Assert.Single(tls.TrustChain);
            Assert.Equal("CN=F2 test CA", root.Subject);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
