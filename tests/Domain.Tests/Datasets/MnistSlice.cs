namespace WganService.Domain.Tests.Datasets;

/// <summary>
/// 1,000 real MNIST digits with their labels (100 per class, classes interleaved), committed under
/// tests/Fixtures/mnist and made by bench/mnist/make_mnist_idx.py --slice 1000.
/// </summary>
internal static class MnistSlice
{
    public static string ImagesPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "mnist", "slice-images-idx3-ubyte.gz");
    public static string LabelsPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "mnist", "slice-labels-idx1-ubyte.gz");
}
