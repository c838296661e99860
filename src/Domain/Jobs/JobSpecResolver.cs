using System.Security.Cryptography;
using WganService.Domain.Datasets;
using WganService.Gan;
using WganService.Gan.Datasets;

namespace WganService.Domain.Jobs;

/// <summary>
/// Validates a job spec and fills in the defaults of the papers: WGAN (Arjovsky et al. 2017) uses RMSprop,
/// lr 5e-5 (faster here: <see cref="WganVectorLearningRate"/>, <see cref="WganImageLearningRate"/>) and clip 0.01;
/// WGAN-GP (Gulrajani et al. 2017) uses Adam, lr 1e-4, β = (0, 0.9) and λ = 10; both take n_critic = 5 critic updates
/// per generator update.
/// A value that does not belong to the chosen variant or optimiser is an error, not ignored.
/// For vector data, WGAN-GP takes the authors' own toy settings (gan_toy.py: λ = 0.1, β = (0.5, 0.9)):
/// with the image settings an 8-gaussians run covered 0–1 of 8 modes after 2,000 steps, with these
/// it covered 8 by step 250 (docs/results.md). WGAN-GP decays the learning rate linearly to 0.
/// WGAN-GP on images takes a faster recipe than the paper's (β1 0.5, batch 32, 5,000 steps): on 28×28
/// greyscale the authors' MNIST networks with n_critic 2 and a generator average (<see cref="MnistImageRecipe"/>),
/// on other sizes the seed's dcgan networks at lr 1e-3 (<see cref="FastImageLearningRate"/>).
/// </summary>
public static class JobSpecResolver
{
    public const int MaxNameLength = 100;
    public const int MaxGeneratorSteps = 1_000_000;
    public const int MaxBatchSize = 4096;
    public const int MaxCriticSteps = 100;
    public const int MaxLatentDim = 1024;
    public const double MaxTrainingMinutes = 7 * 24 * 60;

    /// <param name="dataset">The dataset the spec names, or null when it names none that exists.</param>
    public static (ResolvedJob? Job, ValidationErrors Errors) Resolve(JobSpec spec, DatasetInfo? dataset)
    {
        var errors = new ValidationErrors();
        var h = spec.Hyperparameters ?? new HyperparameterSpec();

        if (string.IsNullOrWhiteSpace(spec.Dataset)) errors.Add("dataset", "is required.");
        else if (dataset is null) errors.Add("dataset", $"'{spec.Dataset}' is neither a built-in dataset nor an uploaded one.");
        if (spec.Variant is null) errors.Add("variant", "is required: 'wgan' or 'wgan-gp'.");
        if (spec.Name is { Length: > MaxNameLength }) errors.Add("name", $"must be at most {MaxNameLength} characters.");
        else if (spec.Name is not null && !TextRules.IsPlainLine(spec.Name)) errors.Add("name", TextRules.NoControlCharacters);

        var architecture = spec.Architecture ?? DefaultArchitecture(dataset, spec.Variant ?? GanVariant.WganGp);
        if (dataset is not null && architecture != NetworkArchitecture.Mlp && dataset.Kind != DatasetKind.Images)
            errors.Add("architecture", $"'{ArchitectureName(architecture)}' needs an image dataset; '{dataset.Name}' holds vectors.");
        if (dataset is not null && architecture == NetworkArchitecture.Mlp && dataset.Kind == DatasetKind.Images)
            errors.Add("architecture", "'mlp' is for vector data; use 'dcgan' (or 'dcgan-mnist' for 28×28 greyscale) for images.");

        if (dataset is not null && architecture == NetworkArchitecture.Dcgan && dataset.Kind == DatasetKind.Images && !DcganFits(dataset))
            errors.Add("architecture", "'dcgan' supports square 28, 32 or 64 pixel images with 1 or 3 channels; " +
                $"'{dataset.Name}' holds [{string.Join(", ", dataset.SampleShape)}].");
        if (dataset is not null && architecture == NetworkArchitecture.DcganMnist && dataset.Kind == DatasetKind.Images
            && dataset.SampleShape is not [1, 28, 28])
            errors.Add("architecture",
                "'dcgan-mnist' (the WGAN-GP authors' MNIST networks) takes 28×28 greyscale images, shape [1, 28, 28]; " +
                $"'{dataset.Name}' holds [{string.Join(", ", dataset.SampleShape)}]. 'dcgan' takes other sizes.");

        var variant = spec.Variant ?? GanVariant.WganGp;
        var optimizer = h.Optimizer ?? (variant == GanVariant.Wgan ? OptimizerKind.RmsProp : OptimizerKind.Adam);
        CheckBelongs(errors, h, variant, optimizer);
        if (h.CriticNormalization is not null && architecture != NetworkArchitecture.Dcgan)
            errors.Add("hyperparameters.criticNormalization", "applies to the 'dcgan' critic only.");
        if (h.CriticNormalization == CriticNormalization.Batch && variant == GanVariant.WganGp)
            errors.Add("hyperparameters.criticNormalization",
                "'batch' breaks the per-sample gradient penalty of 'wgan-gp'; use 'layer' or 'none'.");
        CheckRanges(errors, h);

        if (errors.Any) return (null, errors);

        var images = dataset!.Kind == DatasetKind.Images;
        var fastImages = images && variant == GanVariant.WganGp && architecture == NetworkArchitecture.Dcgan;
        var mnistImages = images && variant == GanVariant.WganGp && architecture == NetworkArchitecture.DcganMnist;
        var generatorSteps = h.GeneratorSteps ?? (images ? DefaultImageSteps : 2000);
        var hyperparameters = new Hyperparameters
        {
            GeneratorSteps = generatorSteps,
            BatchSize = h.BatchSize ?? (fastImages || mnistImages ? 32 : images ? 64 : 256),
            CriticSteps = h.CriticSteps ?? (mnistImages ? MnistImageRecipe.CriticSteps : 5),
            LatentDim = h.LatentDim
                ?? (architecture == NetworkArchitecture.DcganMnist ? DcganMnistGenerator.DefaultLatentDim : images ? 100 : 2),
            Optimizer = optimizer,
            LearningRate = h.LearningRate
                ?? (mnistImages ? MnistImageRecipe.LearningRate : DefaultLearningRate(optimizer, variant, dataset, fastImages)),
            // Decay damps WGAN-GP's late oscillation (docs/results.md: with it the 8-gaussians SWD curve
            // fell almost monotonically); WGAN's paper used none, and so does the MNIST recipe (its comment says why).
            LearningRateDecay = h.LearningRateDecay
                ?? (mnistImages ? MnistImageRecipe.LearningRateDecay
                    : variant == GanVariant.WganGp ? LearningRateDecay.Linear : LearningRateDecay.None),
            // β1 0.5 everywhere: the WGAN-GP authors' toy and MNIST code, and the screened image recipe
            // (FastImageLearningRate); the paper's β1 0 is one spec away.
            Beta1 = optimizer == OptimizerKind.Adam ? h.Beta1 ?? 0.5 : null,
            Beta2 = optimizer == OptimizerKind.Adam ? h.Beta2 ?? 0.9 : null,
            ClipValue = variant == GanVariant.Wgan ? h.ClipValue ?? 0.01 : null,
            GradientPenaltyWeight = variant == GanVariant.WganGp
                ? h.GradientPenaltyWeight ?? (mnistImages ? MnistImageRecipe.GradientPenaltyWeight : images ? 10.0 : 0.1)
                : null,
            // WGAN-GP's critic has no BatchNorm (it couples samples); WGAN's DCGAN critic had it.
            CriticNormalization = architecture != NetworkArchitecture.Dcgan ? null
                : h.CriticNormalization ?? (variant == GanVariant.WganGp ? CriticNormalization.Layer : CriticNormalization.Batch),
            CriticSchedule = h.CriticSchedule ?? (mnistImages ? MnistImageRecipe.CriticSchedule : CriticSchedule.Constant),
            GeneratorEma = h.GeneratorEma ?? (mnistImages ? MnistImageRecipe.GeneratorEma : 0),
            MaxTrainingMinutes = h.MaxTrainingMinutes,
            Seed = h.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue),
            MetricsEvery = h.MetricsEvery ?? 10,
            EvaluateEvery = h.EvaluateEvery ?? Math.Max(1, generatorSteps / 10),
            CheckpointEvery = h.CheckpointEvery ?? Math.Max(1, generatorSteps / 4),
        };
        var name = string.IsNullOrWhiteSpace(spec.Name) ? DefaultName(dataset!, variant) : spec.Name.Trim();
        var resolved = new ResolvedJob(
            name, dataset!.Name, variant, architecture, spec.Device ?? DevicePreference.Auto, hyperparameters, dataset.SampleShape);
        return (resolved, errors);
    }

    /// <summary>
    /// "dataset-variant" by the dataset's own name, not an upload's id (a list full of ids says nothing). An upload's
    /// name may take all of <see cref="MaxNameLength"/> itself, so it is cut to leave room for the variant, never
    /// between the two halves of a surrogate pair.
    /// </summary>
    private static string DefaultName(DatasetInfo dataset, GanVariant variant)
    {
        var suffix = $"-{VariantName(variant)}";
        var stem = dataset.DisplayName;
        if (stem.Length + suffix.Length > MaxNameLength)
        {
            var cut = MaxNameLength - suffix.Length;
            stem = stem[..(char.IsHighSurrogate(stem[cut - 1]) ? cut - 1 : cut)];
        }
        return stem + suffix;
    }

    private static void CheckBelongs(ValidationErrors errors, HyperparameterSpec h, GanVariant variant, OptimizerKind optimizer)
    {
        if (variant == GanVariant.WganGp && h.ClipValue is not null)
            errors.Add("hyperparameters.clipValue", "belongs to 'wgan' (weight clipping); 'wgan-gp' uses gradientPenaltyWeight instead.");
        if (variant == GanVariant.Wgan && h.GradientPenaltyWeight is not null)
            errors.Add("hyperparameters.gradientPenaltyWeight", "belongs to 'wgan-gp'; 'wgan' uses clipValue instead.");
        if (optimizer != OptimizerKind.Adam && h.Beta1 is not null)
            errors.Add("hyperparameters.beta1", "belongs to the 'adam' optimizer.");
        if (optimizer != OptimizerKind.Adam && h.Beta2 is not null)
            errors.Add("hyperparameters.beta2", "belongs to the 'adam' optimizer.");
    }

    private static void CheckRanges(ValidationErrors errors, HyperparameterSpec h)
    {
        errors.Range("hyperparameters.generatorSteps", h.GeneratorSteps, 1, MaxGeneratorSteps);
        errors.Range("hyperparameters.batchSize", h.BatchSize, 2, MaxBatchSize);
        errors.Range("hyperparameters.criticSteps", h.CriticSteps, 1, MaxCriticSteps);
        errors.Range("hyperparameters.latentDim", h.LatentDim, 1, MaxLatentDim);
        errors.Range("hyperparameters.seed", h.Seed, 0L, long.MaxValue);
        errors.Range("hyperparameters.metricsEvery", h.MetricsEvery, 1, MaxGeneratorSteps);
        errors.Range("hyperparameters.evaluateEvery", h.EvaluateEvery, 1, MaxGeneratorSteps);
        errors.Range("hyperparameters.checkpointEvery", h.CheckpointEvery, 1, MaxGeneratorSteps);
        // Written so that NaN fails them: every comparison with NaN is false.
        if (h.LearningRate is { } lr && !(lr > 0 && lr <= 1))
            errors.Add("hyperparameters.learningRate", "must be greater than 0 and at most 1.");
        if (h.Beta1 is { } b1 && !(b1 >= 0 && b1 < 1)) errors.Add("hyperparameters.beta1", "must be at least 0 and less than 1.");
        if (h.Beta2 is { } b2 && !(b2 >= 0 && b2 < 1)) errors.Add("hyperparameters.beta2", "must be at least 0 and less than 1.");
        if (h.ClipValue is { } clip && !(clip > 0 && clip <= 10))
            errors.Add("hyperparameters.clipValue", "must be greater than 0 and at most 10.");
        if (h.GradientPenaltyWeight is { } gp && !(gp >= 0 && gp <= 10_000))
            errors.Add("hyperparameters.gradientPenaltyWeight", "must be between 0 and 10000.");
        if (h.GeneratorEma is { } ema && !(ema >= 0 && ema < 1))
            errors.Add("hyperparameters.generatorEma", "must be at least 0 and less than 1 (0 turns the average off).");
        if (h.MaxTrainingMinutes is { } minutes && !(minutes > 0 && minutes <= MaxTrainingMinutes))
            errors.Add("hyperparameters.maxTrainingMinutes",
                $"must be greater than 0 and at most {MaxTrainingMinutes} (a week); leave it out for no time budget.");
    }

    /// <summary>
    /// Image jobs train for longer by default than vector jobs: the WGAN-GP image recipe ran 4,506 steps in
    /// 20 minutes on 2 CPU threads (bench/QualityBench, MNIST), so 2,000 would end it after about 9, while
    /// its FD was still falling. A time budget (maxTrainingMinutes) ends it sooner.
    /// </summary>
    public const int DefaultImageSteps = 5000;

    /// <summary>
    /// WGAN-GP's image recipe on the seed's dcgan networks: Adam 1e-3, β = (0.5, 0.9), batch 32 (λ 10,
    /// n_critic 5, linear decay as everywhere). Screened on MNIST (bench/QualityBench, docs/results.md), FD
    /// after 7 minutes at 2 threads: lr 3e-4 batch 64 20.8, lr 3e-4 batch 32 17.3, lr 1e-3 batch 32 9.2
    /// (batch 32 runs about 1.8× the steps a minute). β1 was not varied apart. Measured on MNIST only.
    /// </summary>
    public const double FastImageLearningRate = 1e-3;

    /// <summary>
    /// The papers' rates, except WGAN-GP on 25-gaussians: at 1e-4 its 2,000 default steps left the generator
    /// smeared between the 25 modes (high-quality ratio 0.17, the W estimate flat from step 400); at 1e-3 it
    /// reached 25/25 and 0.87 with the estimate falling throughout. 8-gaussians keeps 1e-4: at 1e-3 it
    /// dropped to 3 of 8 modes mid-run (docs/results.md). Images on the dcgan networks with WGAN-GP take
    /// <see cref="FastImageLearningRate"/>.
    /// </summary>
    private static double DefaultLearningRate(OptimizerKind optimizer, GanVariant variant, DatasetInfo dataset, bool fastImages) =>
        optimizer != OptimizerKind.Adam
            ? (variant != GanVariant.Wgan ? 5e-5 : dataset.Kind == DatasetKind.Images ? WganImageLearningRate : WganVectorLearningRate)
        : fastImages ? FastImageLearningRate
        : variant == GanVariant.WganGp && dataset.Name == ToyDataset.TwentyFiveGaussians.Name ? 1e-3
        : 1e-4;

    /// <summary>
    /// WGAN on vector data: RMSprop 1e-4, twice the paper's rate, with n_critic 5 throughout. At 5e-5 the clipped critic
    /// is far from its optimum for the first 400–600 steps, so its estimate rose while the samples improved (8-gaussians,
    /// seed 5: Spearman(W, SWD) 0.41 with the 200-step reading). The authors' bursts of 100 critic updates
    /// (<see cref="CriticSchedule.WganPaper"/>) removed the rise but left seed 1 on a 5-mode plateau (0.55–0.68). At 1e-4
    /// the critic catches up within 200 steps and the generator keeps improving to step 2,000. Seeds 1, 5, 2 and 3:
    /// 200-step reading 0.95 / 0.92 / 0.94 / 0.85, held-out reading 0.90 / 0.96 / 0.88 / 0.78, final SWD 0.060–0.069
    /// (0.157 with the bursts on seed 1), 7–8 of 8 modes (docs/results.md, issue 16 item 7).
    /// </summary>
    public const double WganVectorLearningRate = 1e-4;

    /// <summary>
    /// WGAN on images: RMSprop 5e-4, ten times the paper's rate, n_critic 5 throughout, on the seed's dcgan networks
    /// with the BatchNorm critic. At the paper's 5e-5 with its authors' bursts (<see cref="CriticSchedule.WganPaper"/>)
    /// a 20-minute MNIST job at 2 threads ended at FD 180 (yardstick 28) with the FD flat from step 2,000, so
    /// Spearman(W, FD) was 0.58. Screened for 6 minutes each (seed random, docs/results.md): FD 143 at 2e-4, 164 at 1e-4
    /// with batch 32, 157 at 2e-4 with clip 0.02, 138 at 5e-4, the only one with Spearman(W, FD) above 0.8. Measured
    /// on MNIST only. With it no default runs the bursts any more: they stay a choice (criticSchedule "wgan-paper").
    /// </summary>
    public const double WganImageLearningRate = 5e-4;

    /// <summary>
    /// Vectors take the MLP. WGAN-GP on 28×28 greyscale takes the authors' MNIST networks (<see cref="MnistImageRecipe"/>,
    /// the best digits after 20 minutes measured here); other images, and WGAN's clipped critic, which its authors ran
    /// with BatchNorm, the seed's dcgan networks.
    /// </summary>
    private static NetworkArchitecture DefaultArchitecture(DatasetInfo? dataset, GanVariant variant) =>
        dataset?.Kind != DatasetKind.Images ? NetworkArchitecture.Mlp
        : variant == GanVariant.WganGp && dataset.SampleShape is [1, 28, 28] ? NetworkArchitecture.DcganMnist
        : NetworkArchitecture.Dcgan;

    private static bool DcganFits(DatasetInfo data) =>
        data.SampleShape is [var c, var height, var width] && c is 1 or 3 && height == width && height is 28 or 32 or 64;

    public static string VariantName(GanVariant variant) => variant == GanVariant.WganGp ? "wgan-gp" : "wgan";

    /// <summary>The name a job spec and the JSON use ("dcgan-mnist").</summary>
    public static string ArchitectureName(NetworkArchitecture architecture) => architecture switch
    {
        NetworkArchitecture.Mlp => "mlp",
        NetworkArchitecture.Dcgan => "dcgan",
        NetworkArchitecture.DcganMnist => "dcgan-mnist",
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Unknown architecture."),
    };
}
