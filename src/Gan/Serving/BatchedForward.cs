using static TorchSharp.torch;

namespace WganService.Gan.Serving;

/// <summary>
/// Runs several requests' latents through a generator in one forward pass and splits the output back.
/// A row's output must not depend on its neighbours, or batching would change what a seed means. libtorch's
/// CPU kernels are not batch-invariant as they stand: one row through a Linear layer differs in the last
/// bit from the same row inside a batch (~1e-7). They are invariant when every request starts on a multiple
/// of a small row quantum and is padded to one: on the development machines seen so far, 4 rows for both
/// generators on one, 16 for the MLP and 4 for the DCGAN on another. Kernel choice depends on the CPU, so the
/// quantum is not a constant: <see cref="For"/> measures it per generator and host when the generator is loaded.
/// </summary>
public sealed class BatchedForward
{
    /// <summary>Quanta tried, smallest first. Batch limits are multiples of the largest, so every piece starts on a quantum.</summary>
    public static readonly int[] Quanta = [1, 2, 4, 8, 16, 32, 64];
    public static int LargestQuantum => Quanta[^1];

    private readonly nn.Module<Tensor, Tensor> _generator;
    private readonly int _latentDim;
    private readonly Device _device;

    private BatchedForward(nn.Module<Tensor, Tensor> generator, int latentDim, Device device, int? rowQuantum) =>
        (_generator, _latentDim, _device, RowQuantum) = (generator, latentDim, device, rowQuantum);

    /// <summary>Rows each request is aligned and padded to; null when no quantum made rows batch-invariant
    /// (then requests must run alone: <see cref="Batchable"/> is false).</summary>
    public int? RowQuantum { get; }

    public bool Batchable => RowQuantum is not null;

    /// <param name="generator">In eval mode (BatchNorm reads its running statistics, so samples stay independent).</param>
    public static BatchedForward For(nn.Module<Tensor, Tensor> generator, int latentDim, Device device)
    {
        foreach (var quantum in Quanta)
        {
            var candidate = new BatchedForward(generator, latentDim, device, quantum);
            if (candidate.IsInvariant()) return candidate;
        }
        return new BatchedForward(generator, latentDim, device, null);
    }

    /// <returns>Each request's samples, row-major, in request order.</returns>
    /// <param name="requests">
    /// Each request's latents, row-major, a multiple of latentDim long. More than one only when <see cref="Batchable"/>.
    /// </param>
    public float[][] Run(IReadOnlyList<float[]> requests)
    {
        if (requests.Count > 1 && !Batchable)
            throw new InvalidOperationException("This generator's rows are not batch-invariant: run requests one at a time.");
        var padded = requests.Select(r => Padded(r.Length / _latentDim)).ToArray();
        var input = new float[padded.Sum() * _latentDim];
        var offset = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            requests[i].CopyTo(input, offset * _latentDim); // The rest of the request's rows stays zero.
            offset += padded[i];
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var output = _generator.forward(tensor(input, [offset, _latentDim]).to(_device)).to(CPU).contiguous();
        var all = output.data<float>().ToArray();
        var sampleSize = all.Length / offset;
        var results = new float[requests.Count][];
        offset = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            var rows = requests[i].Length / _latentDim;
            results[i] = all.AsSpan(offset * sampleSize, rows * sampleSize).ToArray();
            offset += padded[i];
        }
        return results;
    }

    /// <summary>Rows a request occupies in a batch: its own, rounded up to the quantum.</summary>
    public int Padded(int rows) => RowQuantum is { } q ? (rows + q - 1) / q * q : rows;

    /// <summary>
    /// Whether requests get the same rows alone as in company: requests of 1, 3 and quantum + 1 rows, each
    /// compared alone and at the start, middle and end of batches of other requests, small and large. Large
    /// batches matter: libtorch can take another kernel for a few rows than for many (seen on one Xeon: the
    /// MLP's Linear layers under 16 rows), so a quantum that passes among small batches alone is not enough.
    /// </summary>
    private bool IsInvariant()
    {
        var q = RowQuantum!.Value;
        var random = new Generator(20_251_124);
        float[] Draw(int rows)
        {
            using var scope = NewDisposeScope();
            return randn([rows, _latentDim], generator: random).data<float>().ToArray();
        }

        foreach (var rows in new[] { 1, 3, q + 1 })
        {
            var mine = Draw(rows);
            var alone = Run([mine])[0];
            var companies = new (float[][] Before, float[][] After)[]
            {
                ([], [Draw(2 * q - 1), Draw(2 * q - 1)]),
                ([Draw(q)], [Draw(2 * q - 1)]),
                ([Draw(q), Draw(q), Draw(q)], []),
                ([Draw(4 * LargestQuantum)], [Draw(2 * q - 1)]),
            };
            foreach (var (before, after) in companies)
            {
                var batch = before.Append(mine).Concat(after).ToArray();
                if (!alone.AsSpan().SequenceEqual(Run(batch)[before.Length])) return false;
            }
        }
        return true;
    }
}
