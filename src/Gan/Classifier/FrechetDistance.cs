using static TorchSharp.torch;

namespace WganService.Gan.Classifier;

/// <summary>
/// The Fréchet distance between Gaussians fitted to two feature sets (the FID formula):
/// |μ₁ − μ₂|² + Tr(Σ₁) + Tr(Σ₂) − 2 Tr(√(Σ₁Σ₂)), in float64. Tr(√(Σ₁Σ₂)) is the sum of the square roots
/// of the eigenvalues of Σ₁^½ Σ₂ Σ₁^½, which is symmetric, so both roots come from eigh (no general
/// matrix square root, no complex parts); eigenvalues a little below zero from rounding are clamped.
/// </summary>
public static class FrechetDistance
{
    /// <summary>Mean and covariance (unbiased) of (n, d) features, in float64.</summary>
    public static (Tensor Mean, Tensor Covariance) Statistics(Tensor features)
    {
        using var scope = NewDisposeScope();
        var x = features.to(ScalarType.Float64);
        var mean = x.mean([0]);
        var centred = x - mean;
        var covariance = centred.T.matmul(centred) / (x.shape[0] - 1);
        return (mean.MoveToOuterDisposeScope(), covariance.MoveToOuterDisposeScope());
    }

    public static double Between(Tensor featuresA, Tensor featuresB)
    {
        using var scope = NewDisposeScope();
        var (meanA, covarianceA) = Statistics(featuresA);
        var (meanB, covarianceB) = Statistics(featuresB);
        return Between(meanA, covarianceA, meanB, covarianceB);
    }

    public static double Between(Tensor meanA, Tensor covarianceA, Tensor meanB, Tensor covarianceB)
    {
        using var scope = NewDisposeScope();
        var rootA = SymmetricSquareRoot(covarianceA);
        var product = rootA.matmul(covarianceB).matmul(rootA);
        var traceOfRoot = linalg.eigvalsh(Symmetrised(product)).clamp_min(0).sqrt().sum();
        var distance = (meanA - meanB).square().sum() + covarianceA.trace() + covarianceB.trace() - 2 * traceOfRoot;
        // Rounding can leave a distance of identical sets a hair below zero.
        return Math.Max(0, distance.item<double>());
    }

    private static Tensor SymmetricSquareRoot(Tensor matrix)
    {
        var (values, vectors) = linalg.eigh(Symmetrised(matrix));
        return (vectors * values.clamp_min(0).sqrt().unsqueeze(0)).matmul(vectors.T);
    }

    private static Tensor Symmetrised(Tensor matrix) => (matrix + matrix.T) / 2;
}
