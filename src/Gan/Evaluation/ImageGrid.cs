using System.Runtime.InteropServices;
using SkiaSharp;
using static TorchSharp.torch;

namespace WganService.Gan.Evaluation;

/// <summary>
/// Images as one PNG grid: the picture of an image job's progress. Pixels are arranged with tensor
/// ops and copied into the bitmap once, so drawing 64 images costs no per-pixel managed loops.
/// </summary>
public static class ImageGrid
{
    /// <summary>Mid-grey pixels between images: visible on dark (MNIST) and light backgrounds alike.</summary>
    public const int Gap = 2;
    public const byte GapValue = 128;

    /// <summary>Images of side ≤ this are drawn twice as large, else a 28×28 digit is too small to judge.</summary>
    public const int EnlargeUpTo = 32;

    /// <param name="images">(N, C, H, W) in [−1, 1], on any device. C = 1 gives a greyscale PNG, C = 3 RGB;
    /// C = 2 and 4 are read as greyscale + alpha and RGBA.</param>
    /// <param name="columns">Images per row; rows follow from N, and a short last row is padded with gap colour.</param>
    public static byte[] Render(Tensor images, int columns)
    {
        if (images.dim() != 4 || images.shape[0] < 1 || images.shape[1] is < 1 or > 4)
            throw new ArgumentException(
                $"Expected (N, C, H, W) images with 1 to 4 channels, got [{string.Join(", ", images.shape)}].", nameof(images));
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);

        var pixels = Arrange(images, columns, out var height, out var width);
        var channels = (int)images.shape[1];
        var info = channels == 1
            ? new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque)
            : new SKImageInfo(width, height, SKColorType.Rgba8888, channels % 2 == 0 ? SKAlphaType.Unpremul : SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        if (bitmap.RowBytes != info.RowBytes)
            throw new InvalidOperationException("Unexpected bitmap row padding.");
        Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>The grid's bytes, row-major: one byte per pixel for C = 1, else four (RGBA).</summary>
    private static byte[] Arrange(Tensor images, int columns, out int height, out int width)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (n, c) = (images.shape[0], images.shape[1]);
        columns = (int)Math.Min(columns, n);
        var rows = (n + columns - 1) / columns;

        // [−1, 1] → [0, 255] first, so padding can use the gap's byte value directly.
        var x = ((images.detach().cpu().to_type(ScalarType.Float32) + 1) * 127.5f).round().clamp(0, 255);
        if (x.shape[2] <= EnlargeUpTo && x.shape[3] <= EnlargeUpTo)
            x = x.repeat_interleave(2, dim: 2).repeat_interleave(2, dim: 3);
        // Every cell gets a gap on its right and bottom (the last ones are cropped below); missing
        // cells of a short last row are whole gap-coloured images. Gaps are opaque whatever the alpha.
        long[] padding = [0, Gap, 0, Gap, 0, 0, 0, rows * columns - n];
        x = c == 1
            ? nn.functional.pad(x, padding, value: GapValue)
            : cat([nn.functional.pad(Colour(x), padding, value: GapValue), nn.functional.pad(Alpha(x), padding, value: 255)], 1);
        var (cellH, cellW, depth) = (x.shape[2], x.shape[3], x.shape[1]);
        var grid = x.view(rows, columns, depth, cellH, cellW).permute(0, 3, 1, 4, 2)
            .reshape(rows * cellH, columns * cellW, depth)[..(int)(rows * cellH - Gap), ..(int)(columns * cellW - Gap)];
        (height, width) = ((int)grid.shape[0], (int)grid.shape[1]);
        return grid.to_type(ScalarType.Byte).contiguous().data<byte>().ToArray();
    }

    /// <summary>RGB of (N, C, h, w) with C in 2..4: grey is repeated for C = 2.</summary>
    private static Tensor Colour(Tensor x) => x.shape[1] <= 2 ? x[.., ..1].expand(-1, 3, -1, -1) : x[.., ..3];

    /// <summary>The last channel for C = 2 or 4, else opaque.</summary>
    private static Tensor Alpha(Tensor x) => x.shape[1] % 2 == 0 ? x[.., (int)(x.shape[1] - 1)..] : full_like(x[.., ..1], 255);
}
