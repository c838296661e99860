using Google.Protobuf;
using WganService.Gan.Datasets;
using static TorchSharp.torch;

namespace WganService.Gan.Export.Onnx;

/// <summary>
/// A job's stored generator as a standard ONNX model (opset <see cref="OnnxGraphBuilder.Opset"/>) that any
/// ONNX runtime runs without this service: input <c>z</c>, float32 [N, latentDim]; output <c>samples</c>,
/// float32 [N, ..sampleShape], the values /generate returns for the same latents (images in [−1, 1]).
/// BatchNorm is in inference form, with the running statistics training left, as /generate samples in eval mode.
/// </summary>
public static class GeneratorOnnxExport
{
    public const string InputName = "z";
    public const string OutputName = "samples";

    /// <param name="weights">The stored generator's bytes (<see cref="GeneratorWeights.Save"/>): with EMA on, the average.</param>
    /// <param name="provenance">Where the weights come from (job, checkpoint, step), added to the model's metadata_props.</param>
    public static byte[] ToOnnx(
        NetworkArchitecture architecture,
        Hyperparameters h,
        DatasetInfo data,
        byte[] weights,
        IEnumerable<KeyValuePair<string, string>> provenance)
    {
        using var scope = NewDisposeScope();
        using var generator = GanNetworks.LoadGenerator(architecture, h, data, weights);
        generator.eval();
        var description = GeneratorDescription.For(architecture, h, data);
        var graph = new OnnxGraphBuilder($"{description.Architecture} generator");
        var z = graph.Input(InputName, h.LatentDim);
        var samples = architecture switch
        {
            NetworkArchitecture.Mlp => MlpOnnxGraph.Add(graph, generator, z, data.SampleShape),
            NetworkArchitecture.Dcgan => DcganOnnxGraph.Add(graph, generator, z, data.SampleShape),
            NetworkArchitecture.DcganMnist => DcganMnistOnnxGraph.Add(graph, generator, z),
            _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Unknown architecture."),
        };
        graph.Output(samples, OutputName, data.SampleShape);
        var metadata = new Dictionary<string, string>(provenance, StringComparer.Ordinal) { ["generator"] = description.ToJson() };
        return graph.ToModel($"WganService {description.Architecture} generator: z [N, {h.LatentDim}] → samples [N, " +
            $"{string.Join(", ", data.SampleShape)}].", metadata).ToByteArray();
    }
}
