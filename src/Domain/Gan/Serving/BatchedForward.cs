using static TorchSharp.torch;

namespace WganService.Domain.Gan.Serving;

/// <summary>
/// Runs several requests' latents through a generator in one forward pass and splits the output back.
/// A row's output must not depend on its neighbours, or batching would change what a seed means. libtorch's
/// CPU kernels are not batch-invariant as they stand: a single row through the first Linear layer differs
/// from the same row inside a batch in the last bit (measured ~1e-7, BatchInvarianceTests). They are
/// invariant when every request starts on a multiple of <see cref="RowQuantum"/> rows and is padded to one:
/// measured for the MLP and DCGAN generators at 1 and 2 threads, quanta of 4 and up passed, 1 and 2 did not.
/// </summary>
public static class BatchedForward
{
    public const int RowQuantum = 8;

    /// <param name="generator">In eval mode (BatchNorm reads its running statistics, so samples stay independent).</param>
    /// <param name="requests">Each request's latents, row-major, a multiple of <paramref name="latentDim"/> long.</param>
    /// <returns>Each request's samples, row-major, in request order.</returns>
    public static float[][] Run(nn.Module<Tensor, Tensor> generator, IReadOnlyList<float[]> requests, int latentDim, Device device)
    {
        var padded = requests.Select(r => Padded(r.Length / latentDim)).ToArray();
        var input = new float[padded.Sum() * latentDim];
        var offset = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            requests[i].CopyTo(input, offset * latentDim); // The rest of the request's rows stays zero.
            offset += padded[i];
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var output = generator.forward(tensor(input, [offset, latentDim]).to(device)).to(CPU).contiguous();
        var all = output.data<float>().ToArray();
        var sampleSize = (int)(output.numel() / offset);
        var results = new float[requests.Count][];
        offset = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            var rows = requests[i].Length / latentDim;
            results[i] = all.AsSpan(offset * sampleSize, rows * sampleSize).ToArray();
            offset += padded[i];
        }
        return results;
    }

    /// <summary>Rows a request occupies in a batch: its own, rounded up to the quantum.</summary>
    public static int Padded(int rows) => (rows + RowQuantum - 1) / RowQuantum * RowQuantum;
}
