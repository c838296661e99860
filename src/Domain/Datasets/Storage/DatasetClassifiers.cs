using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WganService.Domain.Jobs;
using WganService.Gan;
using WganService.Gan.Classifier;
using WganService.Domain.Persistence;
using WganService.Gan.Datasets;
using static TorchSharp.torch;

namespace WganService.Domain.Datasets.Storage;

/// <summary>
/// A labelled image dataset's classifier, trained lazily by the first job that opens the dataset, in
/// the worker: the Api never blocks on training, and a dataset no job trains on never costs one.
/// Training is deterministic (fixed seed, size-derived step count), so two workers racing on one
/// dataset at the same thread count produce the same weights; the first row stored wins and the
/// other worker uses it.
/// </summary>
internal sealed partial class DatasetClassifiers(WganDbContext db, ILogger? logger)
{
    private const long Seed = 1;
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(5);

    public async Task<DomainClassifier> GetOrTrainAsync(
        UploadedDataset dataset, LabelledSplit split, Device device, CancellationToken cancellationToken)
    {
        var channels = dataset.SampleShape[0];
        var stored = await db.DatasetClassifiers.AsNoTracking().SingleOrDefaultAsync(c => c.DatasetId == dataset.Id, cancellationToken);
        if (stored is not null) return DomainClassifier.Load(channels, stored.Classes, stored.Weights, device);

        var classes = dataset.ClassCounts!.Length;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (classifier, cutShort) = ClassifierTraining.Train(split.Training, split.TrainingLabels, classes, Seed, Budget, device);
        if (cutShort && logger is not null) LogCutShort(logger, dataset.Id, Budget);
        var weights = GeneratorWeights.Save(classifier);
        // The evaluation owns (and disposes) its classifier: it gets a copy, and the trained one is returned.
        using var evaluation = new ClassifierEvaluation(
            DomainClassifier.Load(channels, classes, weights, device), split.HeldOutA, split.HeldOutB);
        using var heldOut = cat([split.HeldOutA, split.HeldOutB]);
        using var heldOutLabels = cat([split.LabelsA, split.LabelsB]);
        var (accuracy, confident) = ClassifierEvaluation.OnRealImages(classifier, heldOut, heldOutLabels);
        var row = new DatasetClassifier
        {
            DatasetId = dataset.Id, Weights = weights, Classes = classes, HeldOutAccuracy = accuracy,
            RealConfidentShare = confident, NoiseFrechetDistance = evaluation.NoiseDistance(split.HeldOutB),
            CreatedAt = DateTimeOffset.UtcNow.ToStoredPrecision(),
        };
        if (logger is not null) LogTrained(logger, dataset.Id, clock.Elapsed.TotalSeconds, accuracy, row.NoiseFrechetDistance);
        db.DatasetClassifiers.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return classifier;
        }
        catch (DbUpdateException)
        {
            // Another worker stored one first: use that, so every job on the dataset is judged alike.
            db.Entry(row).State = EntityState.Detached;
            var winner = await db.DatasetClassifiers.AsNoTracking().SingleOrDefaultAsync(c => c.DatasetId == dataset.Id, cancellationToken);
            if (winner is null) throw;
            classifier.Dispose();
            return DomainClassifier.Load(channels, winner.Classes, winner.Weights, device);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Dataset {DatasetId}: classifier trained in {Seconds:F1} s, held-out accuracy {Accuracy:P2}, noise yardstick FD {NoiseFd:F2}")]
    private static partial void LogTrained(ILogger logger, Guid datasetId, double seconds, double accuracy, double noiseFd);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Dataset {DatasetId}: classifier training hit its {Budget} budget and stopped early; its weights are not reproducible")]
    private static partial void LogCutShort(ILogger logger, Guid datasetId, TimeSpan budget);
}

/// <summary>A labelled dataset split by <see cref="HeldOutSplit"/>: images with their labels (int64) on each side.</summary>
internal sealed record LabelledSplit(
    Tensor Training, Tensor TrainingLabels, Tensor HeldOutA, Tensor LabelsA, Tensor HeldOutB, Tensor LabelsB);
