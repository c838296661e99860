using WganService.Gan;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WganService.Domain.Tests.Gan;

public class WeightClippingTests
{
    [Fact]
    public void Clip_KeepsEveryCriticWeightWithinBounds()
    {
        using var scope = NewDisposeScope();
        using var critic = new Mlp(2, 1, hidden: 16);
        using (no_grad())
            foreach (var p in critic.parameters()) p.mul_(100); // Far outside ±0.01.
        Assert.Contains(critic.parameters(), p => p.abs().max().item<float>() > 0.01f);

        WeightClipping.Clip(critic, 0.01);

        Assert.All(critic.parameters(), p => Assert.True(p.abs().max().item<float>() <= 0.01f));
        Assert.Contains(critic.parameters(), p => p.abs().max().item<float>() == 0.01f);
    }
}
