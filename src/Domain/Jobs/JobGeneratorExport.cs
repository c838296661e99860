using System.Globalization;
using WganService.Gan.Export;
using WganService.Gan.Export.Onnx;

namespace WganService.Domain.Jobs;

/// <summary>
/// A job's stored generator as a safetensors file (<see cref="GeneratorExport"/>) or an ONNX model
/// (<see cref="GeneratorOnnxExport"/>), with the job it came from in the metadata.
/// </summary>
public static class JobGeneratorExport
{
    /// <param name="weights">The stored artifact's bytes.</param>
    /// <param name="checkpoint">"best" or "final", recorded in the metadata.</param>
    public static byte[] ToSafetensors(Job job, string checkpoint, int generatorStep, byte[] weights) =>
        GeneratorExport.ToSafetensors(
            job.Architecture, job.Hyperparameters, job.DataInfo, weights, Provenance(job, checkpoint, generatorStep));

    /// <inheritdoc cref="ToSafetensors"/>
    public static byte[] ToOnnx(Job job, string checkpoint, int generatorStep, byte[] weights) =>
        GeneratorOnnxExport.ToOnnx(
            job.Architecture, job.Hyperparameters, job.DataInfo, weights, Provenance(job, checkpoint, generatorStep));

    private static Dictionary<string, string> Provenance(Job job, string checkpoint, int generatorStep) => new()
    {
        ["jobId"] = job.Id.ToString(),
        ["jobName"] = job.Name,
        ["checkpoint"] = checkpoint,
        ["generatorStep"] = generatorStep.ToString(CultureInfo.InvariantCulture),
    };
}
