namespace F2.Tests.Infrastructure;

/// <summary>Tests that share one <see cref="PostgresServer"/>; they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}

/// <summary>Tests that share one <see cref="MosquittoServer"/>; they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class MosquittoCollection : ICollectionFixture<MosquittoServer>
{
    public const string Name = "Mosquitto";
}

/// <summary>Tests that share one <see cref="TimescaleServer"/> (PostgreSQL with TimescaleDB preloaded); they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class TimescaleCollection : ICollectionFixture<TimescaleServer>
{
    public const string Name = "TimescaleDB";
}
