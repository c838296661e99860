using TorchSharp;
using static TorchSharp.torch;

namespace WganService.Gan.Evaluation;

/// <summary>
/// Laplacian pyramids of image batches, as Karras et al. 2018 build them for the patch SWD (their
/// pyr_down / pyr_up match cv2.pyrDown / cv2.pyrUp): 5×5 binomial blur ([1, 4, 6, 4, 1]/16, applied
/// separably) with reflect padding (scipy's "mirror"), decimation by 2. A level is the image at its
/// resolution minus the ×2-upsampled next coarser one, so it holds the detail of one octave; the
/// coarsest level is the blurred image itself, so the levels add back up to the image.
/// <para>Levels: side S, then ⌈S/2⌉, ⌈S/4⌉, … while the side is at least <see cref="SmallestSide"/>,
/// so a 7×7 patch still has more than one position in every level: 28 → [28, 14];
/// 32 → [32, 16, 8]; 64 → [64, 32, 16, 8]. Non-square images count levels from their shorter side.</para>
/// </summary>
public static class LaplacianPyramid
{
    public const int SmallestSide = 8;

    /// <summary>The sides of the levels of an image whose shorter side is <paramref name="side"/>, finest first.</summary>
    public static IReadOnlyList<int> LevelSides(int side)
    {
        var sides = new List<int>();
        for (var s = side; s >= SmallestSide; s = (s + 1) / 2) sides.Add(s);
        return sides;
    }

    /// <summary>The pyramid of (N, C, H, W) images, finest level first, each (N, C, h, w) float32 on the
    /// images' device; the caller (or its dispose scope) owns the levels.</summary>
    public static IReadOnlyList<Tensor> Build(Tensor images)
    {
        if (images.dim() != 4 || Math.Min(images.shape[2], images.shape[3]) < SmallestSide)
            throw new ArgumentException(
                $"Expected (N, C, H, W) images with sides of at least {SmallestSide}, got [{string.Join(", ", images.shape)}].",
                nameof(images));
        using var scope = NewDisposeScope();
        var (n, c) = (images.shape[0], images.shape[1]);
        var levelCount = LevelSides((int)Math.Min(images.shape[2], images.shape[3])).Count;
        // Channels are filtered independently: fold them into the batch and use one 1-channel kernel.
        var current = images.to_type(ScalarType.Float32).reshape(n * c, 1, images.shape[2], images.shape[3]);
        var taps = tensor(new float[] { 1, 4, 6, 4, 1 }, device: images.device) / 16;
        var levels = new List<Tensor>();
        for (var level = 1; level < levelCount; level++)
        {
            var coarser = Blur(current, taps, stride: 2);
            var detail = current - Upsample(coarser, taps, current.shape[2], current.shape[3]);
            levels.Add(detail.reshape(n, c, current.shape[2], current.shape[3]));
            current = coarser;
        }
        levels.Add(current.reshape(n, c, current.shape[2], current.shape[3]));
        // Only the levels outlive this call; every intermediate goes with the scope.
        return levels.Select(l => l.MoveToOuterDisposeScope()).ToList();
    }

    /// <summary>Separable binomial blur with reflect padding, decimated by <paramref name="stride"/> (cv2.pyrDown for 2).</summary>
    private static Tensor Blur(Tensor x, Tensor taps, long stride)
    {
        var padded = nn.functional.pad(x, [2, 2, 2, 2], PaddingModes.Reflect);
        var rows = nn.functional.conv2d(padded, taps.view(1, 1, 1, 5), strides: [1, stride]);
        return nn.functional.conv2d(rows, taps.view(1, 1, 5, 1), strides: [stride, 1]);
    }

    /// <summary>cv2.pyrUp: zeros between the samples, blur with 4× the kernel (2× per axis), crop to the finer size.</summary>
    private static Tensor Upsample(Tensor x, Tensor taps, long height, long width)
    {
        var (batch, h, w) = (x.shape[0], x.shape[2], x.shape[3]);
        // (B, 1, h, 1, w, 1) padded to (B, 1, h, 2, w, 2) puts each sample at an even row and column.
        var stuffed = nn.functional.pad(x.view(batch, 1, h, 1, w, 1), [0, 1, 0, 0, 0, 1]).reshape(batch, 1, 2 * h, 2 * w);
        return Blur(stuffed, taps * 2, stride: 1)[.., .., ..(int)height, ..(int)width];
    }
}
