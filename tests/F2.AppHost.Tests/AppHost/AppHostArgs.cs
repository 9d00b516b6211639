namespace F2.Tests.AppHost;

/// <summary>Command-line settings for the AppHost under test: a private state folder and free ports only.</summary>
internal static class AppHostArgs
{
    private static readonly string[] PortNames =
        ["Mqtt", "Kafka", "Postgres", "TimescaleDb", "Ingest", "Decoder", "Sink", "Simulator", "DevKafka"];

    public static string[] For(string mode, string stateFolder, params string[] extra) =>
    [
        $"--F2:Mode={mode}",
        $"--F2:StateFolder={stateFolder}",
        .. PortNames.Select(name => $"--F2:Ports:{name}=0"),
        .. extra,
    ];
}
