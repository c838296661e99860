using static TorchSharp.torch;

namespace WganService.Gan;

/// <summary>A generator's weights as bytes for the database (TorchSharp's own format).</summary>
public static class GeneratorWeights
{
    public static byte[] Save(nn.Module module)
    {
        var stream = new MemoryStream();
        module.save(stream); // Disposes the stream; ToArray still works afterwards.
        return stream.ToArray();
    }

    public static void Load(nn.Module module, byte[] weights)
    {
        using var stream = new MemoryStream(weights, writable: false);
        module.load(stream);
    }
}
