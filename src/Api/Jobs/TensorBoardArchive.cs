using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using WganService.Domain.TensorBoard;
using WganService.Gan.TensorBoard;

namespace WganService.Api.Jobs;

/// <summary>
/// A job's rows as a zipped TensorBoard event file in a temporary file. Rows are read in pages and
/// pictures one at a time, so memory stays bounded however long the job ran.
/// </summary>
/// <remarks>
/// A file rather than the response body: ZipArchive (.NET 10) still finishes an entry with synchronous
/// writes, which Kestrel refuses, and a failure half-way is then an error response, not a cut-off zip.
/// </remarks>
public static class TensorBoardArchive
{
    public const string ContentType = "application/zip";
    private const int MetricPage = 1000;
    private const int EvaluationPage = 100;

    public static string FileName(Job job) => $"{JobFileNames.UniqueStem(job)}-tensorboard.zip";

    /// <summary>
    /// `{name}-{id}/events.out.tfevents.{created, unix seconds}.wganservice`: TensorBoard finds event files by that prefix.
    /// </summary>
    public static string EntryName(Job job)
        => $"{JobFileNames.UniqueStem(job)}/events.out.tfevents.{job.CreatedAt.ToUnixTimeSeconds()}.wganservice";

    /// <returns>The zip, positioned at its start; disposing it deletes it.</returns>
    public static async Task<FileStream> BuildAsync(Job job, WganDbContext db, CancellationToken cancellationToken)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose);
        try
        {
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
            using (var entry = zip.CreateEntry(EntryName(job)).Open())
            {
                await WriteEventsAsync(job, db, new TensorBoardEventFile(entry), cancellationToken);
            }
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static async Task WriteEventsAsync(Job job, WganDbContext db, TensorBoardEventFile events, CancellationToken cancellationToken)
    {
        events.WriteFileVersion(job.CreatedAt);
        for (var after = int.MinValue; ;)
        {
            var page = await db.Metrics.AsNoTracking().Where(m => m.JobId == job.Id && m.GeneratorStep > after)
                .OrderBy(m => m.GeneratorStep).Take(MetricPage).ToListAsync(cancellationToken);
            foreach (var metric in page) events.WriteMetric(metric);
            if (page.Count < MetricPage) break;
            after = page[^1].GeneratorStep;
        }
        for (var after = int.MinValue; ;)
        {
            var page = await db.Evaluations.AsNoTracking().Where(e => e.JobId == job.Id && e.GeneratorStep > after)
                .OrderBy(e => e.GeneratorStep).Take(EvaluationPage).ToListAsync(cancellationToken);
            if (page.Count == 0) break;
            foreach (var evaluation in page) events.WriteEvaluation(evaluation);
            // The page's pictures after its scalars: each tag's steps still only go up.
            var recordedAt = page.ToDictionary(e => e.GeneratorStep, e => e.RecordedAt);
            var (first, last) = (page[0].GeneratorStep, page[^1].GeneratorStep);
            var images = db.SampleImages.AsNoTracking()
                .Where(i => i.JobId == job.Id && i.GeneratorStep >= first && i.GeneratorStep <= last)
                .OrderBy(i => i.GeneratorStep).AsAsyncEnumerable();
            await foreach (var image in images.WithCancellation(cancellationToken))
            {
                // A picture is saved with its evaluation, in one transaction, so its time is always there.
                if (recordedAt.TryGetValue(image.GeneratorStep, out var at)) events.WriteSamples(image.GeneratorStep, at, image.Png);
            }
            if (page.Count < EvaluationPage) break;
            after = page[^1].GeneratorStep;
        }
    }
}
