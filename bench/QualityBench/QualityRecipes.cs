using WganService.Bench.Train;
using WganService.Domain.Datasets;
using WganService.Domain.Jobs;
using WganService.Gan;
using WganService.Gan.Datasets;

namespace WganService.Bench.Quality;

/// <summary>
/// The recipes raced: each is a job spec's overrides on the MNIST dataset, resolved by the service's
/// JobSpecResolver exactly as a job would be (seed 1), plus the seed's PyTorch recipe (bench/quality/pytorch_seed.py).
/// </summary>
public static class QualityRecipes
{
    public const string PytorchSeed = "pytorch-seed";

    private static readonly DatasetInfo Mnist = new("mnist", DatasetKind.Images, [1, 28, 28], BuiltIn: false);

    public static readonly BenchConfig[] Service =
    [
        // The service's WGAN-GP defaults with the seed's 28×28 networks (LayerNorm critic, Adam 1e-4 β (0, 0.9), λ 10, batch 64).
        new("dcgan", GanVariant.WganGp, Mnist, new HyperparameterSpec()) { Architecture = NetworkArchitecture.Dcgan },
        // The WGAN-GP authors' MNIST networks at their defaults.
        new("dcgan-mnist", GanVariant.WganGp, Mnist, new HyperparameterSpec()) { Architecture = NetworkArchitecture.DcganMnist },
    ];

    public static IEnumerable<string> Names => Service.Select(r => r.Name).Append(PytorchSeed);
}
