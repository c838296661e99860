using System.Net.Http.Json;
using System.Text.Json;
using WganService.Gan.Serving;

namespace WganService.Bench.Generate;

/// <summary>A trained generator to serve: its job and how to rebuild it outside the Api.</summary>
public sealed record BenchGenerator(string Name, Guid JobId, string Architecture, int LatentDim, int[] SampleShape);

/// <summary>
/// Trains the two generators the issue names: the toy MLP and the 28×28 DCGAN (a few steps: speed, not quality, is measured).
/// </summary>
public static class BenchGenerators
{
    public static async Task<BenchGenerator[]> TrainAsync(HttpClient http)
    {
        var images = NpyWriter.Write(RandomImages(256), [256, 1, 28, 28]);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(images), "file", "bench-images.npy" } };
        var upload = await http.PostAsync("/datasets", form);
        upload.EnsureSuccessStatusCode();
        var dataset = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var mlp = await SubmitAsync(
            http, new { dataset = "8gaussians", variant = "wgan-gp", hyperparameters = new { generatorSteps = 10 } });
        var dcgan = await SubmitAsync(
            http, new { dataset, variant = "wgan-gp", hyperparameters = new { generatorSteps = 2, batchSize = 16 } });
        return [await FinishedAsync(http, "mlp", mlp), await FinishedAsync(http, "dcgan28", dcgan)];
    }

    private static float[] RandomImages(int count)
    {
        var random = new Random(1);
        return [.. Enumerable.Range(0, count * 28 * 28).Select(_ => (float)random.NextDouble())];
    }

    private static async Task<Guid> SubmitAsync(HttpClient http, object job)
    {
        var response = await http.PostAsJsonAsync("/jobs", job);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<BenchGenerator> FinishedAsync(HttpClient http, string name, Guid id)
    {
        while (true)
        {
            var job = await http.GetFromJsonAsync<JsonElement>($"/jobs/{id}");
            var status = job.GetProperty("status").GetString();
            if (status is "failed" or "cancelled") throw new InvalidOperationException($"Bench job {id} ended {status}.");
            if (status == "succeeded")
            {
                var sample = await http.PostAsJsonAsync("/generate", new { jobId = id, count = 1, seed = 1 });
                var shape = (await sample.Content.ReadFromJsonAsync<JsonElement>())
                    .GetProperty("shape").EnumerateArray().Skip(1).Select(e => e.GetInt32());
                return new BenchGenerator(name, id, job.GetProperty("architecture").GetString()!,
                    job.GetProperty("hyperparameters").GetProperty("latentDim").GetInt32(), [.. shape]);
            }
            await Task.Delay(500);
        }
    }
}
