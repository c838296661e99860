namespace WganService.Api.Tests.Postgres;

/// <summary>
/// Appends a line to the file named by WGAN_POSTGRES_MARKER, so CI can prove that tests really
/// reached PostgreSQL (and were not skipped or pointed at something else).
/// </summary>
internal static class PostgresMarker
{
    public const string Variable = "WGAN_POSTGRES_MARKER";

    public static async Task AppendAsync(string line, CancellationToken ct)
    {
        var path = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }

        // Several test assemblies may write at once. .NET opens FileMode.Append without O_APPEND,
        // so an exclusive (flock) open serialises writers; a busy file is retried briefly.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None);
                await using var writer = new StreamWriter(stream);
                await writer.WriteLineAsync(line.AsMemory(), ct);
                return;
            }
            catch (IOException) when (attempt < 100 && File.Exists(path))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
            }
        }
    }
}
