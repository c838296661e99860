using WganService.Gan;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan;

public class WassersteinLossTests
{
    [Fact]
    public void CriticLoss_IsMeanFakeScoreMinusMeanRealScore()
    {
        using var scope = NewDisposeScope();
        var real = tensor(new[] { 3f, 5f }); // mean 4
        var fake = tensor(new[] { -1f, 2f }); // mean 0.5

        Assert.Equal(0.5f - 4f, WassersteinLoss.Critic(real, fake).item<float>(), 1e-6f);
    }

    [Fact]
    public void GeneratorLoss_IsNegatedMeanFakeScore()
    {
        using var scope = NewDisposeScope();

        Assert.Equal(-0.5f, WassersteinLoss.Generator(tensor(new[] { -1f, 2f })).item<float>(), 1e-6f);
    }

    [Fact]
    public void CriticLoss_Falls_WhenCriticScoresRealHigher()
    {
        using var scope = NewDisposeScope();
        var fake = tensor(new[] { 0f, 0f });

        var separating = WassersteinLoss.Critic(tensor(new[] { 2f, 2f }), fake).item<float>();
        var confused = WassersteinLoss.Critic(tensor(new[] { -2f, -2f }), fake).item<float>();

        Assert.True(separating < confused, "Scoring real samples higher must lower the critic's loss.");
    }
}
