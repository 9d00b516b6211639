using F2.AppHost;
using F2.AppHost.Containers;
using F2.AppHost.Infrastructure;
using F2.AppHost.Local;
using F2.AppHost.Operations;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

var options = builder.Configuration.GetSection(F2Options.SectionName).Get<F2Options>() ?? new F2Options();
F2OptionsValidation.ThrowIfInvalid(options);
var (mode, reason) = ModeSelection.Choose(builder, options);
var state = StateFolder.Resolve(builder, options);

var infrastructure = mode switch
{
    HostingMode.Containers => builder.AddContainerInfrastructure(options, state),
    HostingMode.Local => builder.AddLocalInfrastructure(options, state),
    _ => builder.AddExternalInfrastructure(options),
};
builder.AddF2Services(infrastructure, options, mode);
builder.AddOperationsFiles(state, mode, reason);

builder.Build().Run();
