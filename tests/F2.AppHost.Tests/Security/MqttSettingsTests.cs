using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using F2.AppHost;
using F2.AppHost.Mqtt;
using F2.Tests.AppHost;
using Microsoft.Extensions.DependencyInjection;

namespace F2.Tests.Security;

/// <summary>The AppHost's <c>F2:Mqtt</c> settings: checked before anything starts, and a TLS listener when set.</summary>
public sealed class MqttSettingsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly string _folder = Directory.CreateTempSubdirectory("f2-mqtt-settings-").FullName;

    [Fact]
    public void ACertificateWithoutItsKeyIsRefusedNamingBothSettings()
    {
        var options = new F2Options { Mqtt = new F2MqttOptions { TlsCertificateFile = Touch("server.pem") } };

        var error = Assert.Throws<DistributedApplicationException>(() => F2OptionsValidation.ThrowIfInvalid(options));

        Assert.Contains("F2:Mqtt:TlsCertificateFile and F2:Mqtt:TlsKeyFile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingDevicePasswordFileIsRefusedNamingTheSettingAndThePath()
    {
        string missing = Path.Combine(_folder, "devices.passwd");
        var options = new F2Options { Mqtt = new F2MqttOptions { DevicePasswordFile = missing } };

        var error = Assert.Throws<DistributedApplicationException>(() => F2OptionsValidation.ThrowIfInvalid(options));

        Assert.Contains("F2:Mqtt:DevicePasswordFile", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Containers", 8883)]
    [InlineData("Local", 0)]
    public async Task WithACertificateAndKeyTheBrokerGetsATlsEndpoint(string mode, int containerPort)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        string[] args = AppHostArgs.For(mode, _folder, "--F2:Ports:MqttTls=0",
            $"--F2:Mqtt:TlsCertificateFile={Touch("server.pem")}", $"--F2:Mqtt:TlsKeyFile={Touch("server.key")}");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.F2_AppHost>(args, timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token).WaitAsync(timeout.Token);

        var mosquitto = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(resource => resource.Name == "mosquitto");
        var tls = Assert.Single(mosquitto.Annotations.OfType<EndpointAnnotation>(), endpoint => endpoint.Name == "tls");

        Assert.False(tls.IsProxied);
        Assert.Equal(containerPort == 0 ? tls.Port : containerPort, tls.TargetPort);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Touch(string name)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, "");
        return path;
    }
}
