using WganService.Domain.Tests.Datasets.Readers;

namespace WganService.Api.Tests.Infrastructure;

/// <summary>A small MNIST-style IDX file (ubyte images) with a bright square at a random place in each image.</summary>
public static class IdxFile
{
    public static byte[] Squares(int count, int size = 28, int seed = 1)
    {
        var random = new Random(seed);
        var pixels = new byte[count * size * size];
        for (var n = 0; n < count; n++)
        {
            var (top, left) = (random.Next(0, size - 8), random.Next(0, size - 8));
            for (var y = top; y < top + 8; y++)
                for (var x = left; x < left + 8; x++) pixels[n * size * size + y * size + x] = 255;
        }
        return DatasetFiles.Idx(0x08, [(uint)count, (uint)size, (uint)size], pixels); // unsigned bytes, N × H × W
    }

    public static MultipartFormDataContent Upload(byte[] content, string fileName = "squares.idx", string? name = null)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } };
        if (name is not null) form.Add(new StringContent(name), "name");
        return form;
    }
}
