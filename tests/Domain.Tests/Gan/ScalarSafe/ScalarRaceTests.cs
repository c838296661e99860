using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan.ScalarSafe;

/// <summary>
/// TorchSharp 0.107's optimisers let a garbage collection free a scalar under the kernel that reads it (see
/// src/Gan/ScalarSafe/Adam.cs). With collections running without pause beside it, the library's Adam must fail
/// here (if it stops failing, the library is fixed and ScalarSafe can go), and the scalar-safe one must not.
/// </summary>
[Collection(CollectionPressureAlone.Name)]
public class ScalarRaceTests(ITestOutputHelper output)
{
    [Fact]
    public void UnderConstantCollections_TheLibrarysAdamLosesAScalar_AndTheScalarSafeOneNever()
    {
        using var pressure = new CollectionPressure();

        // Calibrates: how many steps it takes the library's Adam to fail on this machine (a few hundred at most here).
        var libraryFailedAt = StepsUntilFailure(p => optim.Adam(p, 1e-3, 0.0, 0.9), limit: 20_000);
        Assert.True(libraryFailedAt is not null, "The library's Adam never failed in 20,000 steps: TorchSharp may be fixed.");

        // Five times as many steps as the library needed, and at least 500, without a failure.
        var steps = Math.Max(500, 5 * libraryFailedAt!.Value);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Null(StepsUntilFailure(p => new WganService.Gan.ScalarSafe.Adam(p, 1e-3, 0.0, 0.9), limit: steps));
        output.WriteLine($"library failed at step {libraryFailedAt}; scalar-safe ran {steps} steps in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static int? StepsUntilFailure(Func<IEnumerable<Parameter>, optim.Optimizer> create, int limit)
    {
        var parameters = Enumerable.Range(0, 64).Select(_ => new Parameter(randn(8))).ToArray();
        using var optimizer = create(parameters);
        try
        {
            for (var step = 1; step <= limit; step++)
            {
                using var scope = NewDisposeScope();
                foreach (var parameter in parameters) parameter.grad = randn(8);
                try
                {
                    optimizer.step();
                }
                catch (ExternalException)
                {
                    return step;
                }
            }
            return null;
        }
        finally
        {
            foreach (var parameter in parameters) parameter.Dispose();
        }
    }

    /// <summary>A thread that allocates without pause, so collections (and finalizers) run thousands of times a second.</summary>
    private sealed class CollectionPressure : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;

        public CollectionPressure()
        {
            _thread = new Thread(() =>
            {
                var kept = new object[64];
                for (var i = 0; !_stop; i++) kept[i % 64] = new byte[1024];
            }) { IsBackground = true };
            _thread.Start();
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }
    }
}
