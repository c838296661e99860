using Microsoft.AspNetCore.Http.HttpResults;
using WganService.Domain.Jobs;

namespace WganService.Api.Jobs;

/// <summary>The formats a stored generator downloads in, worded once for a job's and a model version's download.</summary>
internal static class GeneratorDownload
{
    public const string Safetensors = "safetensors";
    public const string TorchSharp = "torchsharp";
    public const string Onnx = "onnx";

    public const string FormatRule = $"must be '{Safetensors}', '{TorchSharp}' or '{Onnx}'.";

    public static bool IsFormat(string format) => format is Safetensors or TorchSharp or Onnx;

    /// <summary>
    /// The stored generator <paramref name="weights"/> (TorchSharp's format; with EMA on, the average, as /generate serves it) in
    /// <paramref name="format"/>, named <paramref name="fileStem"/> plus the format's extension.
    /// </summary>
    public static FileContentHttpResult File(
        string format, Job job, string checkpoint, int generatorStep, byte[] weights, string fileStem) =>
        format switch
        {
            TorchSharp => TypedResults.File(weights, "application/octet-stream", $"{fileStem}.dat"),
            Onnx => TypedResults.File(JobGeneratorExport.ToOnnx(job, checkpoint, generatorStep, weights), "application/octet-stream",
                $"{fileStem}.onnx"),
            _ => TypedResults.File(JobGeneratorExport.ToSafetensors(job, checkpoint, generatorStep, weights), "application/octet-stream",
                $"{fileStem}.safetensors"),
        };
}
