using WganService.Gan.Evaluation;
using WganService.Gan.Serving;
using static TorchSharp.torch;

namespace WganService.Api.Generation;

/// <summary>Generated samples in the formats /generate offers besides JSON.</summary>
public static class SampleEncoding
{
    /// <summary>A square-ish grid of images, or a scatter plot of 2-D points (<see cref="GenerateRequestRules.CanDraw"/>).</summary>
    public static byte[] Png(float[] samples, int count, IReadOnlyList<int> sampleShape)
    {
        if (sampleShape is [2]) return ScatterPlot.Render([], samples);
        using var scope = NewDisposeScope();
        var images = tensor(samples, [count, .. sampleShape.Select(d => (long)d)]);
        return ImageGrid.Render(images, columns: (int)Math.Ceiling(Math.Sqrt(count)));
    }

    public static byte[] Npy(float[] samples, int count, IReadOnlyList<int> sampleShape) =>
        NpyWriter.Write(samples, [count, .. sampleShape]);

    public static float[][] Rows(float[] samples, int count)
    {
        var width = samples.Length / count;
        var rows = new float[count][];
        for (var i = 0; i < count; i++) rows[i] = samples.AsSpan(i * width, width).ToArray();
        return rows;
    }
}
