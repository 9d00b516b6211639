namespace F2.Tests.AppHost;

/// <summary>Whole-app runs take the machine's two cores: they run one after the other, never beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalAppCollection
{
    public const string Name = "AppHost local mode";
}
