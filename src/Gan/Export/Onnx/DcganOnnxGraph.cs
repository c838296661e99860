using static TorchSharp.torch;

namespace WganService.Gan.Export.Onnx;

/// <summary>
/// <see cref="DcganGenerator"/> as ONNX, following its forward: the projection (Gemm), its view as the
/// smallest feature map (Reshape to [N, C, S, S] from the same <see cref="DcganLayout"/>), then the
/// upsampling stack (BatchNormalization in inference form, Relu, ConvTranspose, ending in Tanh).
/// </summary>
internal static class DcganOnnxGraph
{
    public static string Add(OnnxGraphBuilder graph, nn.Module generator, string z, IReadOnlyList<int> sampleShape)
    {
        var layout = DcganLayout.For(sampleShape[^1], sampleShape[0]);
        var projected = graph.Module(generator.Child("fc"), "fc", z);
        var map = graph.ReshapeKeepingBatch("fc.view", projected, layout.WidestChannels, layout.BaseSize, layout.BaseSize);
        return graph.Module(generator.Child("conv"), "conv", map);
    }
}
