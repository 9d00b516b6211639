
namespace F2.Tests.EndToEnd;

/// <summary>The servers the whole pipeline needs: a broker and PostgreSQL (the Kafka stand-in runs in-process).</summary>
[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<MosquittoServer>, ICollectionFixture<PostgresServer>
{
    public const string Name = "Pipeline";
}
