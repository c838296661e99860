using WganService.Gan;
using WganService.Gan.Serving;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan.Serving;

/// <summary>
/// Dynamic batching promises that a request's samples do not depend on what it was batched with.
/// Without <see cref="BatchedForward"/>'s padding these fail in the last bits (libtorch's kernels are not
/// batch-invariant for batches of 1 or 2 rows).
/// Runs alone: GEMM blocking, and so the last bits, depend on the process-wide torch thread count, which
/// other test classes change (<see cref="TrainingHarness"/> sets 1 thread) while this one would be measuring.
/// </summary>
[Collection(TorchThreadCountSensitive.Name)]
public sealed class BatchInvarianceTests
{
    public static TheoryData<string> Generators => ["mlp", "dcgan28", "dcgan32"];

    [Theory]
    [MemberData(nameof(Generators))]
    public void EveryRequest_GetsTheSameSamples_AloneAndBatchedWithOthers(string name)
    {
        var (generator, latentDim) = Create(name);
        var counts = new[] { 1, 3, 8, 9, 1, 17, 64, 2 };
        var requests = counts.Select((count, i) => Latents.FromSeed(count, latentDim, seed: 100 + i)).ToArray();

        var forward = BatchedForward.For(generator, latentDim, CPU);
        Assert.True(forward.Batchable);
        var batched = forward.Run(requests);

        for (var i = 0; i < requests.Length; i++)
        {
            var alone = forward.Run([requests[i]])[0];
            Assert.Equal(alone, batched[i]);
        }
        // Each in a different company: reversed order moves every request to another offset.
        var reversed = forward.Run(requests.Reverse().ToArray()).Reverse().ToArray();
        Assert.Equal(batched, reversed);
    }

    [Fact]
    public void Output_IsSplitPerRequest_InRequestOrder()
    {
        var (generator, latentDim) = Create("mlp");
        var batched = BatchedForward.For(generator, latentDim, CPU)
            .Run([Latents.FromSeed(3, latentDim, 1), Latents.FromSeed(5, latentDim, 2)]);
        Assert.Equal([3 * 2, 5 * 2], batched.Select(b => b.Length));
        Assert.NotEqual(batched[0][..2], batched[1][..2]);
    }

    private static (nn.Module<Tensor, Tensor> Generator, int LatentDim) Create(string name)
    {
        manual_seed(3);
        nn.Module<Tensor, Tensor> generator = name switch
        {
            "mlp" => new Mlp(2, 2),
            "dcgan28" => new DcganGenerator(100, 1, 28),
            _ => new DcganGenerator(100, 3, 32),
        };
        generator.eval();
        return (generator, name == "mlp" ? 2 : 100);
    }
}
