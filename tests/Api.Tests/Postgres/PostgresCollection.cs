using System.Diagnostics.CodeAnalysis;

namespace WganService.Api.Tests.Postgres;

/// <summary>
/// Test classes marked [Collection("postgres")] share one <see cref="PostgresServer"/> (started once,
/// stopped after the last of them); each should call CreateDatabaseAsync for its own database.
/// </summary>
[CollectionDefinition("postgres")]
[SuppressMessage("Naming", "CA1711", Justification = "xUnit convention: a collection definition is named *Collection.")]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>;
