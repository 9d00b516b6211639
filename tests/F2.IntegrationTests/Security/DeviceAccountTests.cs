using System.Diagnostics;
using F2.Hosting.Mosquitto;
using F2.Integrations.Mqtt;
using F2.Testing.BadInput;
using F2.Tests.Integrations;
using MQTTnet;

namespace F2.Tests.Security;

/// <summary>
/// Each device its own credentials: a device password file made with <c>mosquitto_passwd</c>
/// (<see cref="DevicePasswordFile"/>), appended to the broker's generated password file.
/// </summary>
public sealed class DeviceAccountTests : IAsyncLifetime
{
    private const string DeviceA = "f2-a1a1a1a1a1a1";
    private const string DeviceB = "f2-b2b2b2b2b2b2";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _folder = Directory.CreateTempSubdirectory("f2-devices-").FullName;
    private readonly string _passwordA = Guid.NewGuid().ToString("N");
    private readonly string _passwordB = Guid.NewGuid().ToString("N");
    private MosquittoServer _mosquitto = null!;

    public async Task InitializeAsync()
    {
        string file = Path.Combine(_folder, "devices.passwd");
        await MosquittoPasswdAsync("-c", "-b", file, DeviceA, _passwordA);
        await MosquittoPasswdAsync("-b", file, DeviceB, _passwordB);
        _mosquitto = new MosquittoServer { DevicePasswordFile = file };
        await _mosquitto.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _mosquitto.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ADeviceLogsInWithItsOwnPasswordAndMayPublishOnlyOnItsOwnTopics()
    {
        using var deviceA = await MqttTestClients.ConnectAsync(ConnectionString(DeviceA, _passwordA), "f2-device-a");

        var own = await MqttTestClients.PublishAsync(deviceA, $"cmnd/{DeviceA}/access-control-mode/J1/strike-1", [1]);
        var other = await MqttTestClients.PublishAsync(deviceA, $"cmnd/{DeviceB}/access-control-mode/J1/strike-1", [1]);

        Assert.True(own.IsSuccess, own.ReasonCode.ToString());
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, other.ReasonCode);
    }

    [Fact]
    public async Task ADeviceCannotLogInWithAnotherDevicesPassword()
    {
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(MqttClientOptionsFactory.CreateBuilder(
            MqttConnectionString.Parse(ConnectionString(DeviceA, _passwordB)), "f2-device-a-wrong").Build()).WaitAsync(Timeout);

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, result.ResultCode);
    }

    [Fact]
    public async Task TheServicesAccountStillWorksBesideTheDeviceAccounts()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await using var service = await RawMqttPublisher.ConnectAsync(
            _mosquitto.Host, _mosquitto.Port, "f2-service-beside-devices", _mosquitto.ServiceUser.Name, _mosquitto.ServiceUser.Password, timeout.Token);

        Assert.Equal(MqttReasonCodes.Success, service.ConnectReasonCode);
    }

    private string ConnectionString(string user, string password) => $"mqtt://{user}:{password}@{_mosquitto.Host}:{_mosquitto.Port}";

    private static async Task MosquittoPasswdAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("mosquitto_passwd") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        await process.WaitForExitAsync().WaitAsync(Timeout);
        Assert.Equal(0, process.ExitCode);
    }
}
