using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using F2.Benchmarks;

// --thread-cpu-clock: measure thread CPU time in-process (for a machine shared with other work); see docs/PERFORMANCE.md.
const string CpuClockOption = "--thread-cpu-clock";
IConfig? config = args.Contains(CpuClockOption)
    ? DefaultConfig.Instance.AddJob(Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithClock(new ThreadCpuClock())
        .WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(15)
        .WithId("ThreadCpu"))
    : null;
BenchmarkSwitcher.FromAssembly(typeof(DecodeBenchmarks).Assembly).Run([.. args.Where(arg => arg != CpuClockOption)], config);
