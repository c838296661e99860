namespace WganService.Api.Errors;

/// <summary>
/// Whether an exception means the database cannot be reached right now (PostgreSQL down, restarting
/// or out of connections; a network timeout; SQLite locked by another writer) rather than a bug. Such
/// requests are answered 503 with Retry-After: the client's request was fine and will work later.
/// </summary>
internal static class DatabaseUnavailable
{
    /// <summary>Seconds a client should wait before retrying: about how long a PostgreSQL restart takes.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The one classification both the Api and the trainer use.</summary>
    public static bool Is(Exception exception) => Domain.Persistence.TransientDatabaseErrors.IsTransient(exception);
}
