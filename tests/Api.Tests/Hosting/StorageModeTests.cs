using System.Net;
using System.Net.Http.Json;
using WganService.Api.Datasets;
using WganService.Api.Jobs;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Domain.Jobs;

namespace WganService.Api.Tests.Hosting;

/// <summary>
/// What both storage modes must do, each written once and run in embedded mode (SQLite) and in server
/// mode (PostgreSQL, training in the Api).
/// </summary>
[Collection("postgres")]
public sealed class StorageModeTests(PostgresServer postgres)
{
    /// <summary>Submit → succeeded → generate → export: the whole slice.</summary>
    [Theory, BothStorages]
    public async Task SubmittedJob_Succeeds_AndServesSamples(Storage storage)
    {
        await using var factory = await WganApiFactory.OnAsync(storage, postgres);
        using var client = factory.CreateClient();

        var submitted = await client.SubmitAsync(ApiClient.QuickJob(steps: 20));
        Assert.Equal(JobStatus.Queued, submitted.Status);

        var finished = await client.WaitUntilFinishedAsync(submitted.Id);
        Assert.True(finished.Status == JobStatus.Succeeded, $"Job ended {finished.Status}: {finished.Error}");
        Assert.Equal(20, finished.Progress.GeneratorStep);
        Assert.Equal("cpu", finished.Device);
        Assert.Equal(20, finished.LatestMetrics!.GeneratorStep);

        var metrics = await client.GetFromJsonAsync<MetricListResponse>($"/jobs/{submitted.Id}/metrics", ApiClient.Json);
        Assert.Equal([5, 10, 15, 20], metrics!.Items.Select(m => m.GeneratorStep));
        Assert.All(metrics.Items, m => Assert.True(m.SamplesPerSecond > 0 && double.IsFinite(m.WassersteinEstimate)));

        // Evaluated before training (the baseline) and every 2 steps (generatorSteps / 10) on held-out
        // data, with a picture each time.
        var evaluations = await client.GetFromJsonAsync<EvaluationListResponse>($"/jobs/{submitted.Id}/evaluations", ApiClient.Json);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => 2 * i), evaluations!.Items.Select(e => e.GeneratorStep));
        Assert.Null(evaluations.Items[0].WassersteinEstimate);
        Assert.All(evaluations.Items.Skip(1), e => Assert.NotNull(e.WassersteinEstimate));
        // The training reading: the mean of every step's estimate so far (fewer than 200), which the rows of 5 steps give.
        Assert.Null(evaluations.Items[0].TrainingWassersteinMean);
        Assert.Equal(metrics.Items.Average(m => m.WassersteinEstimate), evaluations.Items[^1].TrainingWassersteinMean!.Value, 9);
        Assert.Equal(metrics.Items.Take(2).Average(m => m.WassersteinEstimate), evaluations.Items[5].TrainingWassersteinMean!.Value, 9);
        var baseline = await client.GetAsync($"/jobs/{submitted.Id}/samples.png?step=0");
        Assert.Equal("image/png", baseline.Content.Headers.ContentType!.MediaType);
        Assert.All(evaluations.Items, e => Assert.True(e.SlicedWasserstein > e.SlicedWassersteinFloor && e.Modes == 8));
        Assert.Equal(20, finished.LatestEvaluation!.GeneratorStep);
        Assert.InRange(finished.WassersteinSwdSpearman!.Value, -1, 1);
        Assert.InRange(finished.TrainingWassersteinSwdSpearman!.Value, -1, 1);
        var latestPng = await client.GetAsync($"/jobs/{submitted.Id}/samples.png");
        Assert.Equal("image/png", latestPng.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await latestPng.Content.ReadAsByteArrayAsync())[..4]);

        var final = await client.GenerateAsync(new { jobId = submitted.Id, count = 8, seed = 7, checkpoint = "final" });
        Assert.Equal((20, "final"), (final.GeneratorStep, final.Checkpoint));
        var best = await client.GenerateAsync(new { jobId = submitted.Id, count = 8, seed = 7 });
        Assert.Equal("best", best.Checkpoint);
        Assert.Equal(evaluations.Items.MinBy(e => e.SlicedWasserstein)!.GeneratorStep, best.GeneratorStep);

        var first = await client.GenerateAsync(new { jobId = submitted.Id, count = 64, seed = 7 });
        var again = await client.GenerateAsync(new { jobId = submitted.Id, count = 64, seed = 7 });
        var other = await client.GenerateAsync(new { jobId = submitted.Id, count = 64, seed = 8 });
        Assert.Equal([64, 2], first.Shape);
        Assert.Equal(64, first.Samples.Length);
        Assert.All(first.Samples, s => Assert.Equal(2, s.Length));
        Assert.Equal(first.Samples.SelectMany(s => s), again.Samples.SelectMany(s => s));
        Assert.NotEqual(first.Samples.SelectMany(s => s), other.Samples.SelectMany(s => s));

        // The exported best generator, loaded outside the service, samples exactly as /generate does.
        var (exported, _) = await client.DownloadGeneratorAsync(submitted.Id);
        Assert.Equal(best.GeneratorStep.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Domain.Tests.Gan.Export.SafetensorsFile.Parse(exported).Metadata["generatorStep"]);
        Assert.Equal(first.Samples.SelectMany(s => s), ExportedGenerator.SampleSafetensors(exported, finished, [2], 64, seed: 7));

        var unseeded = await client.PostAsJsonAsync("/generate", new { jobId = submitted.Id, count = 4 });
        Assert.Equal(HttpStatusCode.OK, unseeded.StatusCode);
        var echoed = (await unseeded.Content.ReadFromJsonAsync<WganService.Api.Generation.GenerateResponse>(ApiClient.Json))!;
        var replay = await client.GenerateAsync(new { jobId = submitted.Id, count = 4, seed = echoed.Seed });
        Assert.Equal(echoed.Samples.SelectMany(s => s), replay.Samples.SelectMany(s => s));

        // The other formats, and batching: concurrent requests get what they get alone.
        var npy = await client.PostAsJsonAsync("/generate", new { jobId = submitted.Id, count = 64, seed = 7, format = "npy" });
        var parsed = Gan.Datasets.Readers.DatasetReader.Read(await npy.Content.ReadAsStreamAsync(), long.MaxValue, int.MaxValue);
        Assert.Equal(first.Samples.SelectMany(s => s), parsed.Values);
        var png = await client.PostAsJsonAsync("/generate", new { jobId = submitted.Id, count = 64, seed = 7, format = "png" });
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        var concurrent = await Task.WhenAll(
            Enumerable.Range(0, 8).Select(_ => client.GenerateAsync(new { jobId = submitted.Id, count = 64, seed = 7 })));
        Assert.All(concurrent, c => Assert.Equal(first.Samples.SelectMany(s => s), c.Samples.SelectMany(s => s)));

        // Embedded mode keeps everything in one SQLite file under its data folder; server mode writes no such file.
        Assert.Equal(storage == Storage.Sqlite, File.Exists(Path.Combine(factory.DataDirectory, "wgan.db")));
    }

    [Theory, BothStorages]
    public async Task UploadedImages_TrainADcganJob(Storage storage)
    {
        await using var factory = await WganApiFactory.OnAsync(storage, postgres);
        using var client = factory.CreateClient();
        var upload = await client.PostAsync("/datasets", IdxFile.Upload(IdxFile.Squares(120)));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var dataset = (await upload.Content.ReadFromJsonAsync<DatasetResponse>(ApiClient.Json))!;

        var job = await client.SubmitAsync(new
        {
            dataset = dataset.Id, variant = "wgan",
            hyperparameters = new { generatorSteps = 3, batchSize = 8, criticSchedule = "constant" },
        });
        var finished = await client.WaitUntilFinishedAsync(job.Id);

        Assert.True(finished.Status == JobStatus.Succeeded, finished.Error);
        Assert.Equal([1, 28, 28], (await client.GetFromJsonAsync<DatasetResponse>($"/datasets/{dataset.Id}", ApiClient.Json))!.Shape);
        Assert.Equal([2, 1, 28, 28], (await client.GenerateAsync(new { jobId = job.Id, count = 2, seed = 3 })).Shape);
        var grid = await client.GetAsync($"/jobs/{job.Id}/samples.png");
        Assert.Equal("image/png", grid.Content.Headers.ContentType!.MediaType);
    }

    [Theory, BothStorages]
    public async Task LabelledUpload_KeepsItsLabels_AndUnlabelledStaysUnlabelled(Storage storage)
    {
        await using var factory = await WganApiFactory.OnAsync(storage, postgres, trainInApi: false);
        using var client = factory.CreateClient();

        var labelled = await client.PostAsync("/datasets", MnistSlice.Upload());
        var unlabelled = await client.PostAsync("/datasets", IdxFile.Upload(MnistSlice.Images, "slice.gz"));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (labelled.StatusCode, unlabelled.StatusCode));
        var id = (await labelled.Content.ReadFromJsonAsync<DatasetResponse>(ApiClient.Json))!.Id;
        var fetched = (await client.GetFromJsonAsync<DatasetResponse>($"/datasets/{id}", ApiClient.Json))!;
        Assert.Equal(10, fetched.Classes);
        Assert.Equal(Enumerable.Range(0, 10).ToDictionary(c => c.ToString(), _ => 100), fetched.ClassCounts);
        Assert.Null((await unlabelled.Content.ReadFromJsonAsync<DatasetResponse>(ApiClient.Json))!.ClassCounts);
    }
}
