using System.Reflection;
using Xunit.Sdk;

namespace WganService.Api.Tests.Infrastructure;

/// <summary>
/// Runs a theory once per <see cref="Storage"/>. Its class joins [Collection("postgres")] and takes the
/// <see cref="Postgres.PostgresServer"/>, so the PostgreSQL case runs for real (and leaves CI's marker line).
/// </summary>
public sealed class BothStoragesAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[Storage.Sqlite], [Storage.Postgres]];
}
