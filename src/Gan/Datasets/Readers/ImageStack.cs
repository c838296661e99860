using SkiaSharp;

namespace WganService.Gan.Datasets.Readers;

/// <summary>
/// Decodes images one at a time into one interleaved RGB buffer, then lays them out as the
/// channels-first floats the networks take: one channel if every pixel of every image has R = G = B,
/// else three. Alpha is dropped; pixels are decoded unpremultiplied so transparency does not darken them.
/// </summary>
internal sealed class ImageStack(int count, long maxBytes)
{
    private byte[] _rgb = [];
    private byte[] _pixels = [];
    private string _first = "";
    private int _width;
    private int _height;
    private int _added;
    private bool _grayscale = true;

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    public void Add(string entryName, ReadOnlySpan<byte> encoded)
    {
        var isPng = encoded.StartsWith(PngSignature);
        var isJpeg = encoded.StartsWith(JpegSignature);
        if (!isPng && !isJpeg)
            throw new DatasetFormatException($"ZIP: entry '{entryName}' is not a PNG or JPEG image.");

        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data)
            ?? throw new DatasetFormatException($"ZIP: entry '{entryName}' could not be decoded as {(isPng ? "PNG" : "JPEG")}.");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (_added == 0) Allocate(entryName, width, height);
        else if (width != _width || height != _height)
            throw new DatasetFormatException(
                $"ZIP: entry '{entryName}' is {width}×{height}, but '{_first}' is {_width}×{_height}; all images must be the same size.");

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var result = codec.GetPixels(info, _pixels);
        if (result != SKCodecResult.Success)
            throw new DatasetFormatException($"ZIP: entry '{entryName}' could not be decoded ({result}).");

        var rgb = _rgb.AsSpan(_added * width * height * 3, width * height * 3);
        for (var p = 0; p < width * height; p++)
        {
            var (r, g, b) = (_pixels[4 * p], _pixels[4 * p + 1], _pixels[4 * p + 2]);
            (rgb[3 * p], rgb[3 * p + 1], rgb[3 * p + 2]) = (r, g, b);
            _grayscale &= r == g && g == b;
        }
        _added++;
    }

    public ParsedDataset ToDataset()
    {
        var channels = _grayscale ? 1 : 3;
        var plane = _width * _height;
        var values = new float[(long)_added * channels * plane];
        for (var n = 0; n < _added; n++)
        {
            for (var c = 0; c < channels; c++)
            {
                var target = values.AsSpan((n * channels + c) * plane, plane);
                for (var p = 0; p < plane; p++) target[p] = _rgb[(n * plane + p) * 3 + c] / 127.5f - 1f;
            }
        }
        return new ParsedDataset(DatasetKind.Images, [channels, _height, _width], _added, values, "zip");
    }

    /// <summary>
    /// A tiny PNG can declare a huge canvas, so the first image's header sets the budget before any
    /// pixel is decoded: at most one pixel per byte the upload may have (an IDX file of that size).
    /// </summary>
    private void Allocate(string entryName, int width, int height)
    {
        var pixels = (long)count * width * height;
        if (pixels > maxBytes)
            throw new DatasetTooLargeException(
                $"ZIP: {count} images of {width}×{height} (as '{entryName}' declares) decode to {pixels} pixels, " +
                $"more than the limit of {maxBytes}.",
                maxBytes);
        DatasetShape.EnsureFitsInArray(pixels * 3, maxBytes, "ZIP");
        (_first, _width, _height) = (entryName, width, height);
        _rgb = new byte[pixels * 3];
        _pixels = new byte[width * height * 4];
    }
}
