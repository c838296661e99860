using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using SkiaSharp;
using Tensorboard;
using WganService.Api.Jobs;
using WganService.Domain.Tests.TensorBoard;

namespace WganService.Api.Tests.Infrastructure;

/// <summary>A downloaded GET /jobs/{id}/tensorboard: the zip's names and every event of its one file.</summary>
public sealed record TensorBoardRun(string FileName, string EntryName, List<Event> Events);

public static class TensorBoardDownload
{
    public static async Task<TensorBoardRun> DownloadTensorBoardAsync(this HttpClient client, Guid jobId)
    {
        var response = await client.GetAsync($"/jobs/{jobId}/tensorboard");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);

        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var entry = Assert.Single(zip.Entries);
        using var file = new MemoryStream();
        await using (var content = await entry.OpenAsync()) await content.CopyToAsync(file);
        return new TensorBoardRun(disposition.FileNameStar ?? disposition.FileName!, entry.FullName,
            TfRecordFile.ReadEvents(file.ToArray()));
    }

    /// <summary>
    /// What a rebuilt run must be: the version header first; for each scalar tag, one value per row of
    /// /metrics or /evaluations, in step order, at the row's step and recorded time (values as float,
    /// TensorBoard's scalar type); and each evaluation's picture, a PNG equal to /samples.png at that step.
    /// </summary>
    public static async Task AssertMatchesRecordedRowsAsync(HttpClient client, Guid jobId, TensorBoardRun run)
    {
        var metrics = (await client.GetFromJsonAsync<MetricListResponse>($"/jobs/{jobId}/metrics?limit={JobsApi.MaxMetricsPage}",
            ApiClient.Json))!.Items;
        var evaluations = (await client.GetFromJsonAsync<EvaluationListResponse>($"/jobs/{jobId}/evaluations", ApiClient.Json))!.Items;
        Assert.True(metrics.Count < JobsApi.MaxMetricsPage, "Too many rows for one page of /metrics.");
        Assert.Equal("brain.Event:2", run.Events[0].FileVersion);

        var expected = new List<(string Tag, long Step, float Value, double WallTime)>();
        foreach (var m in metrics)
        {
            void Add(string tag, double? value)
            {
                if (value is { } v) expected.Add((tag, m.GeneratorStep, (float)v, WallTime(m.RecordedAt)));
            }
            Add("Loss/critic", m.CriticLoss);
            Add("Loss/generator", m.GeneratorLoss);
            Add("Wasserstein/estimate", m.WassersteinEstimate);
            Add("Loss/gradient_penalty", m.GradientPenalty);
            Add("Critic/gradient_norm", m.CriticGradientNorm);
            Add("Throughput/samples_per_second", m.SamplesPerSecond);
        }
        foreach (var e in evaluations)
        {
            void Add(string tag, double? value)
            {
                if (value is { } v) expected.Add((tag, e.GeneratorStep, (float)v, WallTime(e.RecordedAt)));
            }
            Add("Evaluation/swd", e.SlicedWasserstein);
            Add("Evaluation/swd_floor", e.SlicedWassersteinFloor);
            Add("Evaluation/modes_covered", e.ModesCovered);
            Add("Evaluation/high_quality_ratio", e.HighQualityRatio);
            Add("Evaluation/fd", e.FrechetDistance);
            Add("Evaluation/fd_floor", e.FrechetDistanceFloor);
            Add("Evaluation/classes_covered", e.ClassesCovered);
            Add("Evaluation/confident_share", e.ConfidentShare);
        }
        var values = run.Events.Skip(1).SelectMany(e => e.Summary.Value.Select(v => (Event: e, Value: v))).ToList();
        var scalars = values.Where(x => x.Value.ValueCase == Summary.Types.Value.ValueOneofCase.SimpleValue)
            .Select(x => (x.Value.Tag, x.Event.Step, x.Value.SimpleValue, x.Event.WallTime)).ToList();
        foreach (var tag in expected.Select(x => x.Tag).Union(scalars.Select(x => x.Tag)))
            Assert.Equal(expected.Where(x => x.Tag == tag), scalars.Where(x => x.Tag == tag));

        var pictures = values.Where(x => x.Value.ValueCase == Summary.Types.Value.ValueOneofCase.Image).ToList();
        Assert.All(pictures, x => Assert.Equal("Samples", x.Value.Tag));
        var steps = pictures.Select(x => x.Event.Step).ToList();
        Assert.Equal(steps.Order(), steps);
        Assert.Equal(steps.Distinct(), steps);
        foreach (var (e, value) in pictures)
        {
            var evaluation = Assert.Single(evaluations, x => x.GeneratorStep == e.Step);
            Assert.Equal(WallTime(evaluation.RecordedAt), e.WallTime);
            var png = value.Image.EncodedImageString.ToByteArray();
            using var bitmap = SKBitmap.Decode(png);
            Assert.NotNull(bitmap);
            Assert.Equal((bitmap.Width, bitmap.Height), (value.Image.Width, value.Image.Height));
            Assert.Equal(await client.GetByteArrayAsync($"/jobs/{jobId}/samples.png?step={e.Step}"), png);
        }
    }

    private static double WallTime(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;
}
