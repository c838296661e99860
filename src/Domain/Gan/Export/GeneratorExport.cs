using System.Globalization;
using WganService.Domain.Jobs;
using static TorchSharp.torch;

namespace WganService.Domain.Gan.Export;

/// <summary>
/// A job's stored generator (TorchSharp's format) as a safetensors file: the module's state_dict,
/// parameters and buffers (BatchNorm running statistics as F32, <c>num_batches_tracked</c> as I64),
/// under the names the equivalent PyTorch module uses, with the description needed to build that
/// module in the metadata.
/// </summary>
public static class GeneratorExport
{
    /// <param name="weights">The stored artifact's bytes (<see cref="GeneratorWeights.Save"/>).</param>
    /// <param name="checkpoint">"best" or "final", recorded in the metadata.</param>
    public static byte[] ToSafetensors(Job job, string checkpoint, int generatorStep, byte[] weights)
    {
        using var scope = NewDisposeScope();
        using var generator = GanNetworks.LoadGenerator(job.Architecture, job.Hyperparameters, job.DataInfo, weights);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = "pt", // What safetensors' own PyTorch writer records.
            ["generator"] = GeneratorDescription.For(job.Architecture, job.Hyperparameters, job.DataInfo).ToJson(),
            ["jobId"] = job.Id.ToString(),
            ["jobName"] = job.Name,
            ["checkpoint"] = checkpoint,
            ["generatorStep"] = generatorStep.ToString(CultureInfo.InvariantCulture),
        };
        return SafetensorsWriter.Write(generator.state_dict(), metadata);
    }
}
