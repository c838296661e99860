namespace WganService.Gan.Datasets.Readers;

/// <summary>
/// Copies a stream into memory and stops as soon as it passes a limit. A stream's Length is never
/// trusted: request bodies and decompressors don't know theirs, and a zip entry's header can lie.
/// </summary>
internal static class BoundedRead
{
    private const int ChunkSize = 81920;

    /// <returns>The bytes read, as a segment of the buffer they were read into (no final copy).</returns>
    public static ArraySegment<byte> ReadAll(Stream source, long limit, Func<Exception> tooLarge)
    {
        // A MemoryStream cannot grow past Array.MaxLength; anything that long is too large anyway.
        limit = Math.Min(limit, Array.MaxLength);
        var buffer = new MemoryStream();
        var chunk = new byte[ChunkSize];
        long total = 0;
        int read;
        while ((read = source.Read(chunk, 0, chunk.Length)) > 0)
        {
            total += read;
            if (total > limit) throw tooLarge();
            buffer.Write(chunk, 0, read);
        }
        return buffer.TryGetBuffer(out var bytes) ? bytes : buffer.ToArray();
    }
}
