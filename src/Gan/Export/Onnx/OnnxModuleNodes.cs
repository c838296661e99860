using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static WganService.Gan.Export.Onnx.OnnxGraphBuilder;

namespace WganService.Gan.Export.Onnx;

/// <summary>
/// The ONNX nodes that compute what a TorchSharp module computes in eval mode, read from the module itself
/// (its weights, strides, paddings, epsilon), so the graph follows the network as it is built. A module
/// without a mapping here stops the export rather than being skipped.
/// </summary>
internal static class OnnxModuleNodes
{
    /// <summary>
    /// The nodes for <paramref name="module"/> at <paramref name="path"/> (its state_dict prefix) applied to <paramref name="input"/>.
    /// </summary>
    /// <returns>The name of the value the module's output becomes.</returns>
    public static string Module(this OnnxGraphBuilder graph, nn.Module module, string path, string input) => module switch
    {
        Sequential sequential => sequential.named_children()
            .Aggregate(input, (x, child) => graph.Module(child.module, $"{path}.{child.name}", x)),
        Linear linear => graph.Linear(linear, path, input),
        ConvTranspose2d convolution => graph.ConvTranspose(convolution, path, input),
        BatchNorm2d norm => graph.BatchNorm(norm, path, input),
        ReLU => graph.Node("Relu", path, [input]),
        Tanh => graph.Node("Tanh", path, [input]),
        _ => throw new NotSupportedException($"No ONNX mapping for {module.GetType().Name} at '{path}'."),
    };

    /// <summary>A direct child of a network, by its field name (which is also its state_dict prefix).</summary>
    public static nn.Module Child(this nn.Module network, string name) =>
        network.named_children().Single(c => c.name == name).module;

    /// <summary>
    /// Reshape to [N, ..shape]: the 0 copies the batch size from the input (Reshape's allowzero = 0), so N stays dynamic.
    /// </summary>
    public static string ReshapeKeepingBatch(this OnnxGraphBuilder graph, string name, string input, params IEnumerable<int> shape) =>
        graph.Node("Reshape", name, [input, graph.Int64s($"{name}.shape", [0, .. shape.Select(d => (long)d)])]);

    // y = x Wᵀ + b: Gemm's B is the weight as stored, [out, in], with transB = 1.
    private static string Linear(this OnnxGraphBuilder graph, Linear linear, string path, string input)
    {
        List<string> inputs = [input, graph.Weight($"{path}.weight", linear.weight!)];
        if (linear.bias is { } bias) inputs.Add(graph.Weight($"{path}.bias", bias));
        return graph.Node("Gemm", path, inputs, Int("transB", 1));
    }

    // ONNX's ConvTranspose stores weights as torch does, [C_in, C_out / groups, kH, kW], and sizes its output
    // as torch does: stride·(in − 1) + output_padding + dilation·(kernel − 1) + 1 − pad_begin − pad_end, with
    // torch's one padding per axis taken off both ends.
    private static string ConvTranspose(this OnnxGraphBuilder graph, ConvTranspose2d convolution, string path, string input)
    {
        if (convolution.padding_type is not null || convolution.padding_mode != PaddingModes.Zeros)
            throw new NotSupportedException($"'{path}': only explicit zero padding maps to ONNX ConvTranspose.");
        var padding = PerAxis(convolution.padding, path);
        List<string> inputs = [input, graph.Weight($"{path}.weight", convolution.weight!)];
        if (convolution.bias is { } bias) inputs.Add(graph.Weight($"{path}.bias", bias));
        return graph.Node("ConvTranspose", path, inputs,
            Ints("kernel_shape", PerAxis(convolution.kernel_size, path)),
            Ints("strides", PerAxis(convolution.stride, path)),
            Ints("pads", [.. padding, .. padding]),
            Ints("output_padding", PerAxis(convolution.output_padding ?? [0], path)),
            Ints("dilations", PerAxis(convolution.dilation ?? [1], path)),
            Int("group", convolution.groups));
    }

    // Inference form: y = (x − running_mean) / √(running_var + ε) · weight + bias, the running statistics
    // as training left them (ONNX's training_mode = 0, the default). ε is the module's own.
    private static string BatchNorm(this OnnxGraphBuilder graph, BatchNorm2d norm, string path, string input)
    {
        if (norm.running_mean is null || norm.running_var is null)
            throw new NotSupportedException($"'{path}' tracks no running statistics, so it has no inference form.");
        using var scope = NewDisposeScope();
        var scale = norm.weight is { } weight
            ? graph.Weight($"{path}.weight", weight)
            : graph.Weight($"{path}.weight", ones(norm.num_features));
        var shift = norm.bias is { } bias ? graph.Weight($"{path}.bias", bias) : graph.Weight($"{path}.bias", zeros(norm.num_features));
        return graph.Node("BatchNormalization", path,
            [
                input, scale, shift,
                graph.Weight($"{path}.running_mean", norm.running_mean), graph.Weight($"{path}.running_var", norm.running_var),
            ],
            Float("epsilon", (float)norm.eps));
    }

    // TorchSharp keeps a 2-D layer's per-axis settings as two values, or as one meaning both.
    private static long[] PerAxis(long[]? values, string path) => values switch
    {
        [var both] => [both, both],
        [_, _] => values,
        null => throw new NotSupportedException($"'{path}' has no per-axis setting to map."),
        _ => throw new NotSupportedException($"'{path}' has {values.Length} per-axis values; a 2-D layer has 2."),
    };
}
