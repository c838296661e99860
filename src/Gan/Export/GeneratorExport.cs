using WganService.Gan.Datasets;
using static TorchSharp.torch;

namespace WganService.Gan.Export;

/// <summary>
/// A job's stored generator (TorchSharp's format) as a safetensors file: the module's state_dict,
/// parameters and buffers (BatchNorm running statistics as F32, <c>num_batches_tracked</c> as I64),
/// under the names the equivalent PyTorch module uses, with the description needed to build that
/// module in the metadata.
/// </summary>
public static class GeneratorExport
{
    /// <param name="weights">The stored generator's bytes (<see cref="GeneratorWeights.Save"/>).</param>
    /// <param name="provenance">Where the weights come from (job, checkpoint, step), added to the metadata.</param>
    public static byte[] ToSafetensors(
        NetworkArchitecture architecture, Hyperparameters h, DatasetInfo data, byte[] weights,
        IEnumerable<KeyValuePair<string, string>> provenance)
    {
        using var scope = NewDisposeScope();
        using var generator = GanNetworks.LoadGenerator(architecture, h, data, weights);
        var metadata = new Dictionary<string, string>(provenance, StringComparer.Ordinal)
        {
            ["format"] = "pt", // What safetensors' own PyTorch writer records.
            ["generator"] = GeneratorDescription.For(architecture, h, data).ToJson(),
        };
        return SafetensorsWriter.Write(generator.state_dict(), metadata);
    }
}
