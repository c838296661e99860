using static TorchSharp.torch;
using static WganService.Gan.DcganMnistGenerator;

namespace WganService.Gan.Export.Onnx;

/// <summary>
/// <see cref="DcganMnistGenerator"/> as ONNX, following its forward: Gemm, Relu, Reshape to
/// [N, 4·Dim, 4, 4], then three ConvTranspose (5×5, stride 2, padding 2, output_padding 1) with Relu
/// between, the first's 8×8 output cropped to 7×7 by a Slice of its two spatial axes, and Tanh last.
/// </summary>
internal static class DcganMnistOnnxGraph
{
    public static string Add(OnnxGraphBuilder graph, nn.Module generator, string z)
    {
        var x = graph.Node("Relu", "fc.relu", [graph.Module(generator.Child("fc"), "fc", z)]);
        x = graph.ReshapeKeepingBatch("fc.view", x, 4 * Dim, BaseSize, BaseSize);
        x = graph.Node("Relu", "deconv1.relu", [graph.Module(generator.Child("deconv1"), "deconv1", x)]);
        // narrow(2, 0, 7).narrow(3, 0, 7): rows and columns [0, 7) of axes 2 and 3.
        x = graph.Node("Slice", "deconv1.crop",
            [x, graph.Int64s("deconv1.crop.starts", 0, 0), graph.Int64s("deconv1.crop.ends", CroppedSize, CroppedSize),
                graph.Int64s("deconv1.crop.axes", 2, 3)]);
        x = graph.Node("Relu", "deconv2.relu", [graph.Module(generator.Child("deconv2"), "deconv2", x)]);
        return graph.Node("Tanh", "deconv3.tanh", [graph.Module(generator.Child("deconv3"), "deconv3", x)]);
    }
}
