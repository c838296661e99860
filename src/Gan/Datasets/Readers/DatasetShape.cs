namespace WganService.Gan.Datasets.Readers;

/// <summary>Arithmetic on declared shapes, which come from the file and so cannot be trusted to be sane.</summary>
internal static class DatasetShape
{
    /// <summary>The product of <paramref name="dims"/>; checked, because a header can declare dimensions whose product overflows.</summary>
    public static long ElementCount(IReadOnlyList<long> dims, string where)
    {
        try
        {
            long product = 1;
            foreach (var d in dims) product = checked(product * d);
            return product;
        }
        catch (OverflowException)
        {
            throw new DatasetFormatException($"{where}: the declared shape {Format(dims)} has more elements than a 64-bit count can hold.");
        }
    }

    /// <summary>The first dimension is the sample count; it has to fit an int and the caller's limit.</summary>
    public static int SampleCount(long count, int maxSamples, string where) =>
        count <= maxSamples
            ? (int)count
            : throw new DatasetFormatException($"{where}: {count} samples, more than the limit of {maxSamples}.");

    /// <summary>The decoded values live in one float[]; refuse before allocating what cannot exist.</summary>
    public static void EnsureFitsInArray(long elements, long maxBytes, string where)
    {
        if (elements > Array.MaxLength)
            throw new DatasetTooLargeException(
                $"{where}: {elements} values do not fit in one array (at most {Array.MaxLength}).", maxBytes);
    }

    public static string Format(IEnumerable<long> dims) => string.Join('×', dims);
}
