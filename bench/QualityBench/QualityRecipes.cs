using WganService.Bench.Train;
using WganService.Domain.Datasets;
using WganService.Domain.Jobs;
using WganService.Gan;
using WganService.Gan.Datasets;

namespace WganService.Bench.Quality;

/// <summary>
/// The recipes raced: each is a job spec's overrides on the MNIST dataset, resolved by the service's
/// JobSpecResolver exactly as a job would be (seed 1), plus the seed's PyTorch recipe (bench/quality/pytorch_seed.py).
/// A recipe with a generator EMA is judged twice per mark from one training run: the raw generator under the
/// recipe's name and the average (what such a job serves) under the name with <see cref="EmaSuffix"/>.
/// </summary>
public static class QualityRecipes
{
    public const string PytorchSeed = "pytorch-seed";

    public const string EmaSuffix = "+ema";

    private static readonly DatasetInfo Mnist = new("mnist", DatasetKind.Images, [1, 28, 28], BuiltIn: false);

    public static readonly BenchConfig[] Service =
    [
        // The service's image defaults as a job that names nothing gets them (its generator average judged beside the raw generator).
        new("defaults", GanVariant.WganGp, Mnist, new HyperparameterSpec()),
        // The seed's recipe on the seed's 28×28 networks in the service (the image defaults before issue 16:
        // Adam 1e-4 β (0, 0.9), batch 64; LayerNorm critic, λ 10, n_critic 5, linear decay).
        new("dcgan-seed-recipe", GanVariant.WganGp, Mnist, new HyperparameterSpec { LearningRate = 1e-4, Beta1 = 0, BatchSize = 64 })
            { Architecture = NetworkArchitecture.Dcgan },
        // The WGAN-GP authors' MNIST networks at their own rate (Adam 1e-4, β (0.5, 0.9), n_critic 5, no average); batch 64.
        // Pinned: naming dcgan-mnist alone now gives the MNIST recipe, which "defaults" already races.
        new(
            "dcgan-mnist", GanVariant.WganGp, Mnist,
            new HyperparameterSpec { LearningRate = 1e-4, BatchSize = 64, CriticSteps = 5, GeneratorEma = 0 })
            { Architecture = NetworkArchitecture.DcganMnist },
        // Screening candidates that led to the defaults (the seed's networks, β1 0.5): learning rate and batch size.
        new("dcgan-lr3e-4-b64", GanVariant.WganGp, Mnist, new HyperparameterSpec { LearningRate = 3e-4, Beta1 = 0.5, BatchSize = 64 })
            { Architecture = NetworkArchitecture.Dcgan },
        new("dcgan-lr3e-4-b32", GanVariant.WganGp, Mnist, new HyperparameterSpec { LearningRate = 3e-4, Beta1 = 0.5, BatchSize = 32 })
            { Architecture = NetworkArchitecture.Dcgan },
        new("dcgan-lr1e-3-b32", GanVariant.WganGp, Mnist, new HyperparameterSpec { LearningRate = 1e-3, Beta1 = 0.5, BatchSize = 32 })
            { Architecture = NetworkArchitecture.Dcgan },
        // The WGAN-GP authors' MNIST networks at a faster rate and batch 32 (β1 0.5), n_critic 5 and no average, as raced
        // in docs/results.md (pinned: they are no longer what dcgan-mnist defaults to).
        new(
            "dcgan-mnist-lr5e-4-b32", GanVariant.WganGp, Mnist,
            new HyperparameterSpec { LearningRate = 5e-4, BatchSize = 32, CriticSteps = 5, GeneratorEma = 0 })
            { Architecture = NetworkArchitecture.DcganMnist },
        // The same with two critic updates per generator update (about twice the generator steps in the same time) and
        // a generator average of 0.99, judged raw and averaged: the screen that became the MNIST recipe (MnistImageRecipe).
        new(
            "dcgan-mnist-lr5e-4-b32-ncritic2", GanVariant.WganGp, Mnist,
            new HyperparameterSpec { LearningRate = 5e-4, BatchSize = 32, CriticSteps = 2, GeneratorEma = 0.99 })
            { Architecture = NetworkArchitecture.DcganMnist },
        // The MNIST recipe before the eighth session, pinned (lr 5e-4, λ 10): the defaults took the MNIST sweep's best
        // trial instead (docs/results.md, "Sweeps on MNIST") after this race.
        new(
            "mnist-recipe-lr5e-4-gp10", GanVariant.WganGp, Mnist,
            new HyperparameterSpec { LearningRate = 5e-4, GradientPenaltyWeight = 10 }),
        // wgan (weight clipping) at its image defaults, for its W estimate against FD (issue 16 item 7).
        new("wgan-defaults", GanVariant.Wgan, Mnist, new HyperparameterSpec()),
    ];

    public static IEnumerable<string> Names => Service.Select(r => r.Name).Append(PytorchSeed);
}
