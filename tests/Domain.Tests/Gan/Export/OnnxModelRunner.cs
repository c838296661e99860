using Microsoft.ML.OnnxRuntime;

namespace WganService.Domain.Tests.Gan.Export;

/// <summary>Runs an exported generator under ONNX Runtime, as another service would: latents in as <c>z</c>, <c>samples</c> out.</summary>
public sealed class OnnxModelRunner : IDisposable
{
    private readonly InferenceSession _session;

    public OnnxModelRunner(byte[] model)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 }; // The test machines are small and shared.
        _session = new InferenceSession(model, options);
    }

    public IReadOnlyDictionary<string, NodeMetadata> Inputs => _session.InputMetadata;
    public IReadOnlyDictionary<string, NodeMetadata> Outputs => _session.OutputMetadata;

    /// <param name="latents">Row-major, <paramref name="count"/> × latentDim.</param>
    /// <returns>The samples, row-major, and their shape as the runtime reports it.</returns>
    public (float[] Values, long[] Shape) Run(float[] latents, int count)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(latents, [count, latents.Length / count]);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, ["z"], [input], ["samples"]);
        var samples = outputs[0];
        return (samples.GetTensorDataAsSpan<float>().ToArray(), samples.GetTensorTypeAndShape().Shape);
    }

    public void Dispose() => _session.Dispose();
}
