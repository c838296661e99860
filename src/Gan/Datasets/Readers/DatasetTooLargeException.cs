namespace WganService.Gan.Datasets.Readers;

/// <summary>
/// The upload, or what it decompresses or decodes to, is over the size limit. A separate type from
/// <see cref="DatasetFormatException"/> because the API answers 413, not 400.
/// </summary>
public sealed class DatasetTooLargeException(string message, long maxBytes) : Exception(message)
{
    public long MaxBytes { get; } = maxBytes;
}
