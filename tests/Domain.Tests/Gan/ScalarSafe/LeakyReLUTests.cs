using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan.ScalarSafe;

public class LeakyReLUTests
{
    [Fact]
    public void Forward_AndGradient_AreTheLibrarys()
    {
        using var scope = NewDisposeScope();
        using var safe = new WganService.Gan.ScalarSafe.LeakyReLU(0.2);
        using var library = nn.LeakyReLU(0.2);
        var input = randn([4, 3, 5, 5], generator: new Generator(7));
        var a = input.clone().requires_grad_(true);
        var b = input.clone().requires_grad_(true);

        var safeOut = safe.forward(a);
        var libraryOut = library.forward(b);
        safeOut.sum().backward();
        libraryOut.sum().backward();

        Assert.True(safeOut.eq(libraryOut).all().item<bool>());
        Assert.True(a.grad!.eq(b.grad!).all().item<bool>());
        Assert.True(safeOut.lt(0).any().item<bool>(), "the input must reach the negative side");
    }
}
