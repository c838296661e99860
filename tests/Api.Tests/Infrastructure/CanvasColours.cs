using System.Globalization;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace WganService.Api.Tests.Infrastructure;

/// <summary>
/// What a chart drew, read from a screenshot of its canvas: a line in a colour leaves pixels of that colour (the centre
/// of an anti-aliased line keeps it), so a series drawn in its own colour can be told from one missing or recoloured.
/// </summary>
public static partial class CanvasColours
{
    /// <summary>How many pixels of <paramref name="png"/> are within <paramref name="tolerance"/> (per channel) of the colour.</summary>
    public static int Count(byte[] png, (byte R, byte G, byte B) colour, int tolerance = 30)
    {
        using var bitmap = SKBitmap.Decode(png);
        return bitmap.Pixels.Count(p => Math.Abs(p.Red - colour.R) <= tolerance && Math.Abs(p.Green - colour.G) <= tolerance
            && Math.Abs(p.Blue - colour.B) <= tolerance);
    }

    /// <summary>A computed CSS colour, "rgb(59, 91, 219)", as its three channels.</summary>
    public static (byte R, byte G, byte B) ParseRgb(string css)
    {
        var match = Rgb().Match(css);
        Assert.True(match.Success, $"Not an rgb() colour: {css}");
        byte Channel(int i) => byte.Parse(match.Groups[i].Value, CultureInfo.InvariantCulture);
        return (Channel(1), Channel(2), Channel(3));
    }

    [GeneratedRegex(@"rgba?\((\d+),\s*(\d+),\s*(\d+)")]
    private static partial Regex Rgb();
}
