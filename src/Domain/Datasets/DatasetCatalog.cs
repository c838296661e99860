using WganService.Domain.Gan;
using WganService.Domain.Gan.Evaluation;
using static TorchSharp.torch;

namespace WganService.Domain.Datasets;

/// <summary>Finds a job's dataset by name and opens it for training.</summary>
public static class DatasetCatalog
{
    public static DatasetInfo? Find(string name) => ToyDataset.Find(name)?.Info;

    public static ITrainingData OpenForTraining(string name, Generator random, Device device) =>
        ToyDataset.Find(name) is { } toy
            ? new ToyTrainingData(toy, random, device)
            : throw new InvalidOperationException($"Dataset '{name}' does not exist.");

    public static VectorEvaluator OpenForEvaluation(string name, int latentDim, long jobSeed, Device device) =>
        ToyDataset.Find(name) is { } toy
            ? VectorEvaluator.ForToy(toy, latentDim, jobSeed, device)
            : throw new InvalidOperationException($"Dataset '{name}' does not exist.");
}
