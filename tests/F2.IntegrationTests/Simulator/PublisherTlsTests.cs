using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using F2.Integrations.Mqtt;
using F2.Simulator;
using F2.Simulator.Generation;
using F2.Simulator.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace F2.Tests.Simulator;

/// <summary>The publisher's own TLS connection: the certificate is validated as the options say, then it publishes over TLS.</summary>
public class PublisherTlsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task OverTlsTheMessagesArePublishedWhenTheBrokersCertificateIsAccepted()
    {
        using X509Certificate2 certificate = SelfSignedCertificate();
        await using var broker = new FakeBroker { Certificate = certificate };
        var telemetry = new SimulatorTelemetry(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        SimulatorOptions options = SimulatorRun.Options(devices: 4);

        await using MqttPublisher? publisher = await ConnectAsync(broker, options, telemetry, accept: true);
        Assert.NotNull(publisher);
        var generator = MessageGenerator.Create(options, TimeProvider.System);
        await publisher.RunAsync(generator, new RatePacer(0, TimeProvider.System), 60, CancellationToken.None, CancellationToken.None).WaitAsync(Timeout);
        await publisher.DisconnectAsync().WaitAsync(Timeout);

        Assert.Equal((60, 0), (telemetry.Published, telemetry.Failures));
        Assert.Equal(60, broker.Published.Count);
    }

    [Fact]
    public async Task OverTlsAnUntrustedCertificateIsRefusedWithoutAValidationHandler()
    {
        using X509Certificate2 certificate = SelfSignedCertificate();
        await using var broker = new FakeBroker { Certificate = certificate };
        var telemetry = new SimulatorTelemetry(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());

        await using MqttPublisher? publisher = await ConnectAsync(broker, SimulatorRun.Options(), telemetry, accept: false);

        Assert.Null(publisher);
        Assert.Equal(0, broker.Connects);
    }

    private static Task<MqttPublisher?> ConnectAsync(FakeBroker broker, SimulatorOptions options, SimulatorTelemetry telemetry, bool accept)
    {
        options.Connections = 2;
        options.ConnectAttempts = 1;
        var connection = MqttConnectionString.Parse(broker.ConnectionString.Replace("mqtt://", "mqtts://", StringComparison.Ordinal));
        return MqttPublisher.ConnectAsync(
            clientId => MqttClientOptionsFactory.CreateBuilder(connection, clientId)
                .WithTlsOptions(tls =>
                {
                    tls.UseTls().WithTargetHost("localhost");
                    if (accept)
                    {
                        tls.WithCertificateValidationHandler(_ => true);
                    }
                })
                .WithTimeout(TimeSpan.FromSeconds(10))
                .Build(),
            options,
            telemetry,
            NullLogger.Instance,
            CancellationToken.None).WaitAsync(Timeout);
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using X509Certificate2 created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }
}
