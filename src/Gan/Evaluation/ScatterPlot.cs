using SkiaSharp;

namespace WganService.Gan.Evaluation;

/// <summary>Generated 2-D points over real ones, as a PNG: the picture of a toy-set job's progress.</summary>
public static class ScatterPlot
{
    public const int Size = 480;
    private static readonly SKColor Background = new(0xfb, 0xfb, 0xfa);
    private static readonly SKColor Real = new(0x9a, 0xa0, 0xa6, 0x90);
    private static readonly SKColor Generated = new(0x1a, 0x73, 0xe8, 0x80);

    /// <param name="real">
    /// Flattened (x, y) pairs of real points; they also fix the axes (the generated ones do when there are none).
    /// </param>
    /// <param name="generated">Flattened (x, y) pairs of generated points.</param>
    public static byte[] Render(ReadOnlySpan<float> real, ReadOnlySpan<float> generated)
    {
        // A square, centred view a little larger than the real data, so points that stray show up.
        var extent = 1e-3f;
        foreach (var v in real.IsEmpty ? generated : real) extent = Math.Max(extent, Math.Abs(v));
        var scale = Size / (2 * extent * 1.25f);

        using var surface = SKSurface.Create(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(Background);
        using var axes = new SKPaint { Color = new SKColor(0xdd, 0xdd, 0xdd), StrokeWidth = 1 };
        canvas.DrawLine(Size / 2f, 0, Size / 2f, Size, axes);
        canvas.DrawLine(0, Size / 2f, Size, Size / 2f, axes);
        Draw(canvas, real, scale, Real);
        Draw(canvas, generated, scale, Generated);

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static void Draw(SKCanvas canvas, ReadOnlySpan<float> points, float scale, SKColor color)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
        for (var i = 0; i + 1 < points.Length; i += 2)
            canvas.DrawCircle(Size / 2f + points[i] * scale, Size / 2f - points[i + 1] * scale, 1.6f, paint);
    }
}
