using TorchSharp;
using WganService.Gan;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan;

public class DcganCriticTests
{
    public static TheoryData<int, int, CriticNormalization> Shapes()
    {
        var data = new TheoryData<int, int, CriticNormalization>();
        foreach (var size in new[] { 28, 32, 64 })
            foreach (var channels in new[] { 1, 3 })
                foreach (var norm in Enum.GetValues<CriticNormalization>())
                    data.Add(size, channels, norm);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_MapsImageBatchToOneScorePerSample(int size, int channels, CriticNormalization norm)
    {
        using var scope = NewDisposeScope();
        using var critic = new DcganCritic(channels, size, norm);

        var scores = critic.call(rand(4, channels, size, size) * 2 - 1);

        Assert.Equal(new long[] { 4, 1 }, scores.shape);
        Assert.True(scores.isfinite().all().item<bool>());
    }

    // wgan_reference.py critic28, one channel:
    //   Conv2d(1, 64, 4)        64·1·4·4 + 64     =   1,088
    //   Conv2d(64, 128, 4)      128·64·4·4 + 128  = 131,200
    //   Linear(6272, 1)         6272 + 1          =   6,273   → 138,561 without normalisation
    //   BatchNorm2d(128)        128 + 128         =     256   → 138,817 with BatchNorm
    //   LayerNorm((128, 7, 7))  2·128·7·7         =  12,544   → 151,105 (not in the reference)
    // (PyTorch 1.13 here: critic28(False) → 138561, critic28(True) → 138817.)
    [Theory]
    [InlineData(CriticNormalization.None, 138_561L)]
    [InlineData(CriticNormalization.Batch, 138_817L)]
    [InlineData(CriticNormalization.Layer, 151_105L)]
    public void ParameterCount_At28_EqualsPyTorchReference(CriticNormalization norm, long expected)
    {
        using var critic = new DcganCritic(1, 28, norm);

        Assert.Equal(expected, critic.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void StateDictKeys_At28_MatchPyTorchReferenceIndices()
    {
        using var plain = new DcganCritic(1, 28, CriticNormalization.None);
        using var batch = new DcganCritic(1, 28, CriticNormalization.Batch);

        // list(critic28(bn).state_dict().keys()) in PyTorch, under our "layers." prefix.
        string[] plainKeys = ["0.weight", "0.bias", "2.weight", "2.bias", "5.weight", "5.bias"];
        string[] batchKeys =
        [
            "0.weight", "0.bias", "2.weight", "2.bias",
            "3.weight", "3.bias", "3.running_mean", "3.running_var", "3.num_batches_tracked",
            "6.weight", "6.bias",
        ];
        Assert.Equal(plainKeys.Select(k => "layers." + k).Order(), plain.state_dict().Keys.Order());
        Assert.Equal(batchKeys.Select(k => "layers." + k).Order(), batch.state_dict().Keys.Order());
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void StateDictKeys_AreStableAcrossInstances_AndHaveNoUnderscorePrefix(int size, int channels, CriticNormalization norm)
    {
        using var first = new DcganCritic(channels, size, norm);
        using var second = new DcganCritic(channels, size, norm);

        var keys = first.state_dict().Keys.ToList();

        Assert.Equal(keys, second.state_dict().Keys);
        Assert.All(keys, k => Assert.Matches(@"^layers\.\d+\.[a-z][a-z_]*$", k));
    }

    [Theory]
    [InlineData(CriticNormalization.Layer, true)]
    [InlineData(CriticNormalization.None, true)]
    [InlineData(CriticNormalization.Batch, false)]
    public void ScoreOfOneSample_DependsOnOtherSamples_OnlyWithBatchNorm(CriticNormalization norm, bool independent)
    {
        using var scope = NewDisposeScope();
        using var critic = new DcganCritic(1, 28, norm);
        critic.train();
        var batch = randn(4, 1, 28, 28);
        var altered = batch.clone();
        altered[1] = randn(1, 28, 28) * 3;

        var before = critic.call(batch)[0];
        var after = critic.call(altered)[0];

        // Per-sample scores are what the gradient penalty differentiates; BatchNorm's batch
        // statistics leak the rest of the batch into each of them.
        Assert.Equal(independent, before.allclose(after, rtol: 0, atol: 1e-6));
    }

    [Theory]
    [InlineData(28, CriticNormalization.Layer)]
    [InlineData(28, CriticNormalization.None)]
    [InlineData(32, CriticNormalization.Layer)]
    [InlineData(64, CriticNormalization.Layer)]
    public void GradientPenalty_BackpropagatesToCriticWeights(int size, CriticNormalization norm)
    {
        using var scope = NewDisposeScope();
        using var critic = new DcganCritic(3, size, norm);
        var x = (rand(4, 3, size, size) * 2 - 1).requires_grad_(true);

        var scores = critic.call(x);
        // Named arguments: TorchSharp's retain_graph defaults to false, and penalty.backward() walks
        // the critic's graph a second time (the first was autograd.grad itself).
        var gradients = autograd.grad([scores.sum()], [x], retain_graph: true, create_graph: true)[0];
        var penalty = (gradients.flatten(1).norm(1, keepdim: false, p: 2) - 1).square().mean();
        penalty.backward();

        var parameters = critic.named_parameters().ToList();
        var weights = parameters.Where(p => p.name.EndsWith(".weight", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(weights);
        Assert.All(weights, p => Assert.True(p.parameter.grad is { } g && g.abs().sum().item<float>() > 0, p.name));
        // ∇ₓC does not depend on the score's bias: its missing gradient shows the others came from
        // the penalty, not from the scores.
        Assert.Null(parameters[^1].parameter.grad);
    }

    [Theory]
    [InlineData(1, 30, "imageSize")]
    [InlineData(0, 28, "channels")]
    [InlineData(5, 64, "channels")]
    public void Constructor_RejectsUnsupportedShapes(int channels, int size, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DcganCritic(channels, size, CriticNormalization.Layer));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void Constructor_RejectsUnknownNormalization()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DcganCritic(1, 28, (CriticNormalization)7));

        Assert.Equal("normalization", error.ParamName);
    }
}
