using Google.Protobuf;
using SkiaSharp;
using Tensorboard;

namespace WganService.Gan.TensorBoard;

/// <summary>A stored PNG as TensorBoard's image summary, its bytes as they are: no decode and re-encode.</summary>
public static class PngImageSummary
{
    /// <summary>TensorBoard's colorspace codes (summary.proto): 1 grayscale, 3 RGB, 4 RGBA.</summary>
    private const int Grayscale = 1, Rgb = 3, Rgba = 4;

    /// <returns>Null when the bytes are not a PNG SkiaSharp can read: such a picture is left out of the file.</returns>
    public static Summary.Types.Image? From(byte[] png)
    {
        // SKCodec reads the header only (size, colour type), so this costs no pixel decode.
        using var data = SKData.CreateCopy(png);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != SKEncodedImageFormat.Png) return null;
        var info = codec.Info;
        // Skia reports grey-with-alpha PNGs as RGBA; the field is informational (TensorBoard shows the
        // encoded image as it is), so that approximation costs nothing.
        var colorspace = info.ColorType == SKColorType.Gray8 ? Grayscale : info.AlphaType == SKAlphaType.Opaque ? Rgb : Rgba;
        return new Summary.Types.Image
        {
            Width = info.Width, Height = info.Height, Colorspace = colorspace,
            EncodedImageString = ByteString.CopyFrom(png),
        };
    }
}
