using TorchSharp;
using static TorchSharp.torch;

namespace WganService.Domain.Tests;

public class TorchSharpLoadsTests
{
    [Fact]
    public void NativeLibrary_Loads_And_BackwardComputesGradient()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1f, 2f, 3f }, requires_grad: true);
        var y = (x * x).sum();

        y.backward();

        // d/dx sum(x^2) = 2x
        Assert.Equal(new[] { 2f, 4f, 6f }, x.grad!.data<float>().ToArray());
    }
}
