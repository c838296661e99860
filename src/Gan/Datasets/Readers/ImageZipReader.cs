using System.IO.Compression;

namespace WganService.Gan.Datasets.Readers;

/// <summary>
/// A ZIP archive of PNG/JPEG images of one size, one sample per image, in entry-name order so the
/// same archive always gives the same dataset. Folders, dotfiles and macOS's __MACOSX/ metadata are
/// skipped; any other entry must be an image. Sizes are checked twice against zip bombs: the sizes
/// the entries declare, before anything is inflated, and the bytes actually inflated.
/// </summary>
internal static class ImageZipReader
{
    public static bool LooksLikeZip(ReadOnlySpan<byte> data) =>
        data.StartsWith("PK\x03\x04"u8) || data.StartsWith("PK\x05\x06"u8);

    public static ParsedDataset Read(ArraySegment<byte> content, long maxBytes, int maxSamples)
    {
        using var archive = Open(content);
        var entries = archive.Entries
            .Where(IsImageCandidate)
            .OrderBy(e => e.FullName, StringComparer.Ordinal)
            .ToList();
        if (entries.Count == 0)
            throw new DatasetFormatException("ZIP: the archive holds no images (folders, dotfiles and __MACOSX/ are skipped).");
        if (entries.Count > maxSamples)
            throw new DatasetFormatException(
                $"ZIP: the archive holds {entries.Count} images, more than the limit of {maxSamples} samples.");
        var declared = entries.Sum(e => e.Length);
        if (declared > maxBytes)
            throw new DatasetTooLargeException(
                $"ZIP: the entries declare {declared} bytes uncompressed, more than the limit of {maxBytes}.", maxBytes);

        var images = new ImageStack(entries.Count, maxBytes);
        var budget = maxBytes;
        foreach (var entry in entries)
        {
            var bytes = ReadEntry(entry, budget, maxBytes);
            budget -= bytes.Count;
            images.Add(entry.FullName, bytes);
        }
        return images.ToDataset();
    }

    private static ZipArchive Open(ArraySegment<byte> content)
    {
        try
        {
            return new ZipArchive(new MemoryStream(content.Array!, content.Offset, content.Count, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException ex)
        {
            throw new DatasetFormatException($"ZIP: the archive is corrupt or truncated: {ex.Message}");
        }
    }

    private static bool IsImageCandidate(ZipArchiveEntry entry)
    {
        // Archives made on Windows sometimes use backslashes.
        var path = entry.FullName.Replace('\\', '/');
        if (path.EndsWith('/')) return false;
        if (path.StartsWith("__MACOSX/", StringComparison.Ordinal)) return false;
        return !path.Split('/').Any(segment => segment.StartsWith('.'));
    }

    /// <summary>Inflates one entry within what is left of the budget: the size an entry declares can lie.</summary>
    private static ArraySegment<byte> ReadEntry(ZipArchiveEntry entry, long budget, long maxBytes)
    {
        try
        {
            using var stream = entry.Open();
            return BoundedRead.ReadAll(stream, budget, () => new DatasetTooLargeException(
                $"ZIP: the entries inflate to more than the limit of {maxBytes} bytes (reached in entry '{entry.FullName}').", maxBytes));
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException)
        {
            throw new DatasetFormatException($"ZIP: entry '{entry.FullName}' cannot be inflated: {ex.Message}");
        }
    }
}
