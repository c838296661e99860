using static TorchSharp.torch;

namespace WganService.Gan.Export.Onnx;

/// <summary><see cref="Mlp"/> as ONNX: its Linear/ReLU stack as Gemm and Relu nodes, rows in, rows out.</summary>
internal static class MlpOnnxGraph
{
    public static string Add(OnnxGraphBuilder graph, nn.Module generator, string z, IReadOnlyList<int> sampleShape)
    {
        // JobSpecResolver keeps the MLP to vector data, whose samples /generate shapes as [N, D]: the stack's own output.
        if (sampleShape.Count != 1)
            throw new NotSupportedException($"The MLP generator makes vectors, not samples of shape [{string.Join(", ", sampleShape)}].");
        return graph.Module(generator.Child("layers"), "layers", z);
    }
}
