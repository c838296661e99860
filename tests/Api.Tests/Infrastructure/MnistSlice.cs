namespace WganService.Api.Tests.Infrastructure;

/// <summary>
/// 1,000 real MNIST digits with their labels (100 per class, classes interleaved), committed under
/// tests/Fixtures/mnist and made by bench/mnist/make_mnist_idx.py --slice 1000.
/// </summary>
public static class MnistSlice
{
    public const int Count = 1000;

    public static byte[] Images
        => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "mnist", "slice-images-idx3-ubyte.gz"));
    public static byte[] Labels
        => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "mnist", "slice-labels-idx1-ubyte.gz"));

    /// <summary>The upload form: images as 'file', and <paramref name="labels"/> (the slice's own by default) as 'labels'.</summary>
    public static MultipartFormDataContent Upload(byte[]? labels = null, string labelsFileName = "labels.gz")
    {
        var form = IdxFile.Upload(Images, "slice-images-idx3-ubyte.gz", name: "mnist");
        form.Add(new ByteArrayContent(labels ?? Labels), "labels", labelsFileName);
        return form;
    }
}
