using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Datasets;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using WganService.Gan;
using WganService.Gan.Datasets;

namespace WganService.Api.Tests.Jobs;

public sealed class TensorBoardApiTests : EmbeddedApiTest
{
    [Fact]
    public async Task ShortJob_IsARunNamedAfterIt_WhoseEventsAreTheRecordedRows()
    {
        var submitted = await Client.SubmitAsync(new
        {
            dataset = "8gaussians", variant = "wgan-gp", name = "tb run/gp",
            hyperparameters = new { generatorSteps = 20, batchSize = 32, seed = 5, metricsEvery = 5, evaluateEvery = 10 },
        });
        var job = await Client.WaitUntilFinishedAsync(submitted.Id);
        Assert.True(job.Status == JobStatus.Succeeded, job.Error);

        var run = await Client.DownloadTensorBoardAsync(job.Id);

        var stem = $"tb-run-gp-{job.Id.ToString("N")[..8]}";
        Assert.Equal($"{stem}-tensorboard.zip", run.FileName);
        Assert.Equal($"{stem}/events.out.tfevents.{job.CreatedAt.ToUnixTimeSeconds()}.wganservice", run.EntryName);
        await TensorBoardDownload.AssertMatchesRecordedRowsAsync(Client, job.Id, run);
        var tags = run.Events.SelectMany(e => e.Summary?.Value ?? []).GroupBy(v => v.Tag).ToDictionary(g => g.Key, g => g.Count());
        // Metrics at 5, 10, 15, 20; evaluations (each with its scatter plot) at 0, 10, 20.
        Assert.Equal((4, 4, 3, 3, 3),
            (tags["Loss/critic"], tags["Loss/gradient_penalty"], tags["Evaluation/swd"], tags["Evaluation/modes_covered"],
                tags["Samples"]));
    }

    [Fact]
    public async Task LongHistory_ReadInSeveralPages_HasEveryRowOnceInStepOrder()
    {
        // Rows as a worker would have written them, more than one page of each kind (1,000 metric rows,
        // 100 evaluations), with pictures on both sides of page boundaries.
        int[] pictureAt = [0, 7, 99, 100, 101, 199, 200, 249];
        Guid id;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WganDbContext>();
            var job = db.Jobs.Add(NewJob()).Entity;
            var start = DateTimeOffset.UtcNow.ToStoredPrecision();
            for (var step = 1; step <= 2345; step++)
            {
                db.Metrics.Add(new JobMetric
                {
                    JobId = job.Id, GeneratorStep = step, CriticLoss = -step / 7.0, GeneratorLoss = step / 3.0,
                    WassersteinEstimate = Math.Sqrt(step), GradientPenalty = step % 2 == 0 ? null : 1.0 / step,
                    CriticGradientNorm = 1 + step / 1e4, SamplesPerSecond = 1000 + step,
                    RecordedAt = start.AddMilliseconds(step * 37),
                });
            }
            for (var i = 0; i < 250; i++)
            {
                db.Evaluations.Add(new JobEvaluation
                {
                    JobId = job.Id, GeneratorStep = i * 10, SlicedWasserstein = 1.0 / (i + 1), SlicedWassersteinFloor = 0.01,
                    ModesCovered = i % 3 == 0 ? null : i % 9, Modes = i % 3 == 0 ? null : 8,
                    HighQualityRatio = i % 3 == 0 ? null : i / 250.0,
                    RecordedAt = start.AddMilliseconds(i * 370 + 5),
                });
                if (pictureAt.Contains(i)) db.SampleImages.Add(
                    new SampleImage { JobId = job.Id, GeneratorStep = i * 10, Png = Png(width: 3 + i % 5) });
            }
            await db.SaveChangesAsync();
            id = job.Id;
        }

        var run = await Client.DownloadTensorBoardAsync(id);

        await TensorBoardDownload.AssertMatchesRecordedRowsAsync(Client, id, run);
        var tags = run.Events.SelectMany(e => e.Summary?.Value ?? []).GroupBy(v => v.Tag).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal((2345, 1173, 250, 166, pictureAt.Length),
            (tags["Loss/critic"], tags["Loss/gradient_penalty"], tags["Evaluation/swd"], tags["Evaluation/high_quality_ratio"],
                tags["Samples"]));
    }

    [Fact]
    public async Task QueuedJob_IsAFileWithOnlyItsVersionHeader()
    {
        Guid id;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            // Stored but never queued: deterministically without rows, and nothing trains.
            var db = scope.ServiceProvider.GetRequiredService<WganDbContext>();
            id = db.Jobs.Add(NewJob()).Entity.Id;
            await db.SaveChangesAsync();
        }

        var run = await Client.DownloadTensorBoardAsync(id);

        Assert.Equal("brain.Event:2", Assert.Single(run.Events).FileVersion);
    }

    [Fact]
    public async Task UnknownJob_Is404()
    {
        await Problem.AssertAsync(await Client.GetAsync($"/jobs/{Guid.NewGuid()}/tensorboard"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Swagger_DescribesTheRoute_AsAZip()
    {
        var document = JsonDocument.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json")).RootElement;

        var get = document.GetProperty("paths").GetProperty("/jobs/{id}/tensorboard").GetProperty("get");
        Assert.True(get.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/zip", out _));
        Assert.Contains("TensorBoard", get.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("tensorboard --logdir", get.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private static Job NewJob() =>
        new(JobSpecResolver.Resolve(new JobSpec { Dataset = "8gaussians", Variant = GanVariant.WganGp },
            ToyDataset.EightGaussians.Info).Job!, DateTimeOffset.UtcNow);

    private static byte[] Png(int width)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, 2, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(SKColors.Teal);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
