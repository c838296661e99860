namespace WganService.Api.Tests.Infrastructure;

/// <summary>
/// The database behind a test's Api. A behaviour both modes must have is written once, as a
/// <c>[Theory, BothStorages]</c> taking a <see cref="Storage"/>, and runs once against each.
/// </summary>
public enum Storage
{
    /// <summary>Embedded mode: a SQLite file in a temporary folder, Hangfire in memory, training inside the Api.</summary>
    Sqlite,

    /// <summary>Server mode: a fresh database on the "postgres" collection's server.</summary>
    Postgres,
}
