using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;
using F2.DevKafka;
using F2.Integrations.Kafka;
using F2.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace F2.Tests.Integrations;

/// <summary>F2.DevKafka run in-process, as the AppHost's local mode runs it: a fixed bootstrap port in front of the mock.</summary>
public sealed class DevKafkaHostTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly int _port = FreePort();
    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(
            ["--urls", "http://127.0.0.1:0", "--DevKafka:Port", _port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        builder.AddServiceDefaults();
        builder.AddDevKafka();
        _app = builder.Build();
        _app.MapDefaultEndpoints();
        await _app.StartAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task ClientsUsingTheFixedBootstrapPortProduceAndConsumeInAGroup()
    {
        string bootstrap = $"127.0.0.1:{_port}";
        var factory = new KafkaClientFactory(bootstrap,
            new KafkaOptions { ConsumerSessionTimeout = TimeSpan.FromSeconds(2) }, NullLoggerFactory.Instance);
        using (IProducer<string, string> producer = factory.CreateProducerBuilder<string, string>("dev-producer").Build())
        {
            await producer.ProduceAsync(KafkaTopics.Raw, new Message<string, string> { Key = "f2-0123456789ab", Value = "hello" })
                .WaitAsync(Timeout);
        }

        ConsumeResult<string, string>? consumed = await Task.Factory.StartNew(() =>
        {
            using IConsumer<string, string> consumer = factory.CreateConsumerBuilder<string, string>("f2-dev-test", "dev-consumer").Build();
            consumer.Subscribe(KafkaTopics.Raw);
            ConsumeResult<string, string>? record = consumer.Consume(Timeout);
            consumer.Close();
            return record;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).WaitAsync(Timeout * 2);

        Assert.NotNull(consumed);
        Assert.Equal("hello", consumed.Message.Value);
    }

    [Fact]
    public async Task HealthSaysItIsTheStandInAndHealthy()
    {
        string address = _app!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = Timeout };

        HttpResponseMessage response = await http.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        HealthReport report = await _app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WaitAsync(Timeout);
        string description = report.Entries["dev-kafka"].Description ?? "";
        Assert.Contains("librdkafka mock cluster", description, StringComparison.Ordinal);
        Assert.Contains("not Kafka", description, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{_port}", description, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().WaitAsync(Timeout);
            await _app.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
