using TorchSharp;
using static TorchSharp.torch;

namespace WganService.Gan.Datasets;

/// <summary>
/// The 2-D toy distributions of the WGAN-GP authors' code (gan_toy.py), sampled afresh for every
/// batch. Mixtures of Gaussians expose their centres and spread so mode coverage can be measured.
/// </summary>
public sealed class ToyDataset
{
    private ToyDataset(string name, float[,]? centres, float standardDeviation, Func<long, Generator, Device, Tensor> sample)
    {
        Name = name;
        Centres = centres;
        StandardDeviation = standardDeviation;
        _sample = sample;
    }

    private readonly Func<long, Generator, Device, Tensor> _sample;

    public string Name { get; }

    /// <summary>Mixture centres after scaling, or null for a distribution without modes.</summary>
    public float[,]? Centres { get; }

    /// <summary>Per-coordinate standard deviation around each centre after scaling.</summary>
    public float StandardDeviation { get; }

    public DatasetInfo Info => new(Name, DatasetKind.Vectors, [2], BuiltIn: true);

    /// <summary>Draws <paramref name="count"/> points (count × 2, float32) on <paramref name="device"/>.</summary>
    public Tensor Sample(long count, Generator generator, Device device) => _sample(count, generator, device);

    /// <summary>8 centres on a circle of radius 2, std 0.02, everything divided by 1.414.</summary>
    public static readonly ToyDataset EightGaussians = Mixture("8gaussians", EightCentres(radius: 2), 0.02f, 1.414f);

    /// <summary>Centres on the grid {−4, −2, 0, 2, 4}², std 0.05, everything divided by 2.828.</summary>
    public static readonly ToyDataset TwentyFiveGaussians = Mixture("25gaussians", GridCentres(), 0.05f, 2.828f);

    /// <summary>scikit-learn's make_swiss_roll with noise 0.25, coordinates (x, z), divided by 7.5.</summary>
    public static readonly ToyDataset SwissRoll = new("swissroll", null, 0, SampleSwissRoll);

    public static IReadOnlyList<ToyDataset> All { get; } = [EightGaussians, TwentyFiveGaussians, SwissRoll];

    public static ToyDataset? Find(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    private static ToyDataset Mixture(string name, float[,] centres, float std, float divisor)
    {
        var scaled = new float[centres.GetLength(0), 2];
        for (var i = 0; i < centres.GetLength(0); i++)
            for (var j = 0; j < 2; j++) scaled[i, j] = centres[i, j] / divisor;
        return new ToyDataset(name, scaled, std / divisor, (count, generator, device) =>
        {
            using var scope = NewDisposeScope();
            var centreTensor = tensor(scaled, device: device);
            var index = randint(0, scaled.GetLength(0), [count], generator: generator, device: device);
            var noise = randn([count, 2], generator: generator, device: device) * (std / divisor);
            return (centreTensor.index_select(0, index) + noise).MoveToOuterDisposeScope();
        });
    }

    private static float[,] EightCentres(float radius)
    {
        var centres = new float[8, 2];
        var diagonal = (float)(1 / Math.Sqrt(2));
        float[][] unit =
        [
            [1, 0], [-1, 0], [0, 1], [0, -1],
            [diagonal, diagonal], [diagonal, -diagonal], [-diagonal, diagonal], [-diagonal, -diagonal],
        ];
        for (var i = 0; i < 8; i++) (centres[i, 0], centres[i, 1]) = (unit[i][0] * radius, unit[i][1] * radius);
        return centres;
    }

    private static float[,] GridCentres()
    {
        var centres = new float[25, 2];
        for (var i = 0; i < 25; i++) (centres[i, 0], centres[i, 1]) = (2 * (i / 5 - 2), 2 * (i % 5 - 2));
        return centres;
    }

    private static Tensor SampleSwissRoll(long count, Generator generator, Device device)
    {
        using var scope = NewDisposeScope();
        var t = 1.5 * Math.PI * (1 + 2 * rand([count], generator: generator, device: device));
        var roll = stack([t * cos(t), t * sin(t)], dim: 1);
        var noisy = roll + 0.25 * randn([count, 2], generator: generator, device: device);
        return (noisy / 7.5).MoveToOuterDisposeScope();
    }
}
