using WganService.Gan.Serving;

namespace WganService.Domain.Tests.Gan.Serving;

public sealed class LatentsMatchPyTorchTests
{
    /// <summary>
    /// The latents for a seed are PyTorch's <c>torch.randn(count, latentDim, generator=torch.Generator().manual_seed(seed))</c>,
    /// so a generator exported to PyTorch (bench/export/load_generator.py) reproduces /generate's samples.
    /// Expected values printed by PyTorch 1.13 (Debian's python3-torch) on this machine; fewer than 16
    /// values take libtorch's scalar path, 16 or more its vectorised one, so both are checked.
    /// </summary>
    [Theory]
    [InlineData(3, 2, 7L,
        new[] { -0.1467950940132141f, 0.7861412763595581f, 0.9468216300010681f, -1.1143440008163452f },
        new[] { 1.6907901763916016f, -0.8948279023170471f })]
    [InlineData(64, 2, 7L,
        new[] { -0.8201345205307007f, 0.39563116431236267f, 0.8989084959030151f, -1.3884038925170898f },
        new[] { 0.2830258905887604f, 1.1854521036148071f })]
    [InlineData(2, 100, 123456789012L,
        new[] { -0.3533598780632019f, -0.26349639892578125f, -1.3733619451522827f },
        new[] { 0.043905943632125854f, 1.8281482458114624f, -0.6610992550849915f })]
    public void Latents_AreTorchRandn_WithTheSeedAsPyTorchDrawsThem(int count, int latentDim, long seed, float[] first, float[] last)
    {
        var latents = Latents.FromSeed(count, latentDim, seed);

        Assert.Equal(count * latentDim, latents.Length);
        Assert.Equal(first, latents[..first.Length]);
        Assert.Equal(last, latents[^last.Length..]);
    }
}
