namespace F2.Tests.Tiers;

/// <summary>
/// The unit tier needs no server: it is built without the assemblies that start one (the fixtures of F2.Testing, the
/// harness, the development Kafka stand-in, the AppHost and Aspire's testing builder), so none of them is beside it
/// or referenced by it. A test that needs a server belongs in F2.IntegrationTests or F2.AppHost.Tests.
/// </summary>
public sealed class UnitTierTests
{
    private static readonly string[] ServerAssemblies = ["F2.Testing", "F2.Harness", "F2.DevKafka", "F2.AppHost", "Aspire.Hosting.Testing"];

    [Fact]
    public void NoAssemblyThatStartsAServerIsBuiltBesideTheUnitTests()
    {
        string[] present = [.. ServerAssemblies.Where(name => File.Exists(Path.Combine(AppContext.BaseDirectory, name + ".dll")))];

        Assert.True(present.Length == 0, $"The unit tier is built with {string.Join(", ", present)}; move the tests that need them out of F2.UnitTests.");
    }

    [Fact]
    public void TheUnitTestsReferenceNoAssemblyThatStartsAServer()
    {
        string[] referenced = [.. typeof(UnitTierTests).Assembly.GetReferencedAssemblies()
            .Select(reference => reference.Name!)
            .Intersect(ServerAssemblies, StringComparer.Ordinal)];

        Assert.Empty(referenced);
    }
}
