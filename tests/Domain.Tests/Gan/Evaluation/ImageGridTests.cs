using SkiaSharp;
using WganService.Gan.Evaluation;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan.Evaluation;

public class ImageGridTests
{
    // The IHDR colour type byte: 8-byte signature, 4-byte length, "IHDR", width, height, bit depth.
    private const int PngColourTypeOffset = 25;
    private const byte PngGreyscale = 0;
    private const byte PngRgb = 2;

    [Fact]
    public void GreyscaleGrid_IsEnlarged_WithGreyGaps_AndAPaddedLastRow()
    {
        using var scope = NewDisposeScope();
        var images = full([10, 1, 28, 28], -1f);
        images[0] = ones(1, 28, 28); // the first image all white

        var png = ImageGrid.Render(images, columns: 4);
        using var picture = SKBitmap.Decode(png);

        // 3 rows × 4 columns of 56×56 cells (28 × 2) with 2-pixel gaps between them.
        Assert.Equal((4 * 56 + 3 * 2, 3 * 56 + 2 * 2), (picture.Width, picture.Height));
        Assert.Equal(SKColors.White, picture.GetPixel(0, 0));
        Assert.Equal(SKColors.White, picture.GetPixel(55, 55));
        Assert.Equal(SKColors.Black, picture.GetPixel(58, 0));
        Assert.Equal(new SKColor(128, 128, 128), picture.GetPixel(56, 10)); // gap
        Assert.Equal(new SKColor(128, 128, 128), picture.GetPixel(3 * 58 + 10, 2 * 58 + 10)); // empty 12th cell
        Assert.Equal(PngGreyscale, png[PngColourTypeOffset]);
    }

    [Fact]
    public void ColourGrid_KeepsColours_AndLargeImagesKeepTheirSize()
    {
        using var scope = NewDisposeScope();
        var images = zeros(3, 3, 40, 40);
        images[0, 0] = ones(40, 40); // (1, 0, 0) in [−1, 1] → (255, 128, 128)
        images[1] = full([3, 40, 40], -1f);

        var png = ImageGrid.Render(images, columns: 3);
        using var picture = SKBitmap.Decode(png);

        Assert.Equal((3 * 40 + 2 * 2, 40), (picture.Width, picture.Height));
        Assert.Equal(new SKColor(255, 128, 128), picture.GetPixel(20, 20));
        Assert.Equal(SKColors.Black, picture.GetPixel(42 + 20, 20));
        Assert.Equal(PngRgb, png[PngColourTypeOffset]);
    }

    [Fact]
    public void FourChannels_AreRgba_WithOpaqueGaps()
    {
        using var scope = NewDisposeScope();
        var images = ones(2, 4, 8, 8);
        images[0, 3] = full([8, 8], -1f); // the first image fully transparent

        using var picture = SKBitmap.Decode(ImageGrid.Render(images, columns: 2));

        Assert.Equal((16 + 2 + 16, 16), (picture.Width, picture.Height));
        Assert.Equal(0, picture.GetPixel(5, 5).Alpha);
        Assert.Equal(255, picture.GetPixel(16, 5).Alpha);
        Assert.Equal(SKColors.White, picture.GetPixel(20, 5));
    }

    [Fact]
    public void ValuesOutsideTheRange_AreClamped()
    {
        using var scope = NewDisposeScope();

        using var picture = SKBitmap.Decode(ImageGrid.Render(full([1, 1, 8, 8], 5f), columns: 8));

        Assert.Equal((16, 16), (picture.Width, picture.Height));
        Assert.Equal(SKColors.White, picture.GetPixel(15, 15));
    }
}
