using F2.Integrations.Mqtt;
using MQTTnet;

namespace F2.Tests.Integrations;

public sealed class MqttConnectionStringTests
{
    [Fact]
    public void APlainConnectionStringGivesHostPortAndCredentials()
    {
        MqttConnectionString parsed = MqttConnectionString.Parse("mqtt://f2-ingest:secret@broker.local:1884");

        Assert.Equal("broker.local", parsed.Host);
        Assert.Equal(1884, parsed.Port);
        Assert.False(parsed.UseTls);
        Assert.Equal("f2-ingest", parsed.UserName);
        Assert.Equal("secret", parsed.Password);
    }

    [Theory]
    [InlineData("mqtt://host", 1883, false)]
    [InlineData("mqtts://host", 8883, true)]
    [InlineData("mqtts://host:9999", 9999, true)]
    public void PortsDefaultBySchemeAndMqttsMeansTls(string value, int port, bool tls)
    {
        MqttConnectionString parsed = MqttConnectionString.Parse(value);

        Assert.Equal(port, parsed.Port);
        Assert.Equal(tls, parsed.UseTls);
        Assert.Null(parsed.UserName);
        Assert.Null(parsed.Password);
    }

    [Fact]
    public void UserNameAndPasswordAreUrlDecoded()
    {
        MqttConnectionString parsed = MqttConnectionString.Parse("mqtt://user%40site:p%3Ass%40w%2Frd@127.0.0.1");

        Assert.Equal("user@site", parsed.UserName);
        Assert.Equal("p:ss@w/rd", parsed.Password);
    }

    [Fact]
    public void AnIpv6HostLosesItsBrackets()
    {
        Assert.Equal("::1", MqttConnectionString.Parse("mqtt://[::1]:1883").Host);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("broker:1883")]
    [InlineData("tcp://user:hunter2@broker:1883")]
    [InlineData("http://user:hunter2@broker")]
    [InlineData("mqtt://user:hunter2@broker:1883/path")]
    [InlineData("mqtt://user:hunter2@broker:1883?x=1")]
    [InlineData("mqtt://user:hunter2@broker:notaport")]
    [InlineData("not a uri user:hunter2@")]
    public void MalformedInputIsRejectedWithoutEchoingThePassword(string value)
    {
        var error = Assert.Throws<FormatException>(() => MqttConnectionString.Parse(value));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Contains("mqtt", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ToStringHidesThePassword()
    {
        string text = MqttConnectionString.Parse("mqtts://svc:hunter2@broker:8883").ToString();

        Assert.Equal("mqtts://svc:***@broker:8883", text);
    }

    [Fact]
    public void ClientOptionsUseMqtt5CredentialsAndTlsForMqtts()
    {
        MqttClientOptions options = MqttClientOptionsFactory.CreatePersistentSession(
            MqttConnectionString.Parse("mqtts://svc:pw@broker"), "f2-ingest", TimeSpan.FromDays(1));

        var endpoint = Assert.IsType<MqttClientTcpOptions>(options.ChannelOptions);
        Assert.Equal(MQTTnet.Formatter.MqttProtocolVersion.V500, options.ProtocolVersion);
        Assert.Equal("f2-ingest", options.ClientId);
        Assert.Equal("svc", options.Credentials.GetUserName(options));
        Assert.True(endpoint.TlsOptions.UseTls);
        Assert.False(options.CleanSession); // CleanStart in MQTT 5 terms
        Assert.Equal(86_400u, options.SessionExpiryInterval);
    }
}
