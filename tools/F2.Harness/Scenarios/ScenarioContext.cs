using F2.Harness.Pipeline;
using Microsoft.Extensions.Logging;

namespace F2.Harness.Scenarios;

/// <summary>What a fault can reach: the servers, the stand-in, the devicedb path and the service processes.</summary>
public sealed record ScenarioContext(PipelineInfrastructure Infrastructure, PipelineProcesses Processes, ILogger Logger);
