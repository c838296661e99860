namespace WganService.Gan.Datasets.Readers;

/// <summary>
/// The upload is not a dataset we can read. The message is shown to the client as is (a 400), so it
/// says what is wrong and where: a byte offset, a line and column, an archive entry or a sample index.
/// </summary>
public sealed class DatasetFormatException(string message) : Exception(message);
