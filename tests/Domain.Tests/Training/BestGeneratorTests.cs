using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using WganService.Domain.Training;
using WganService.Gan;
using WganService.Gan.Classifier;
using WganService.Gan.Datasets;
using WganService.Gan.Evaluation;

namespace WganService.Domain.Tests.Training;

/// <summary>
/// The generator a job serves as "best", against a real (SQLite) database: the lowest score after the
/// baseline, the Fréchet distance on labelled sets, and the same choice carried across a resume.
/// </summary>
public sealed class BestGeneratorTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly Mlp _generator = new(2, 2);
    private Guid _jobId;

    [Fact]
    public async Task KeepsTheLowestSwd_NeverTheBaseline_AndATieKeepsTheEarlier()
    {
        await using var db = await OpenAsync();
        var best = new BestGenerator(db, _jobId, TimeProvider.System, NullLogger.Instance);

        foreach (var (step, swd) in (ReadOnlySpan<(int, double)>)[(0, 0.01), (10, 0.5), (20, 0.3), (30, 0.3), (40, 0.4)])
            Evaluate(db, best, step, swd);
        await db.SaveChangesAsync();

        Assert.Equal(20, best.Step);
        Assert.Equal(20, await StoredBestStepAsync(db));
    }

    [Fact]
    public async Task OnLabelledSets_KeepsTheLowestFrechetDistance_NotTheLowestSwd()
    {
        await using var db = await OpenAsync();
        var best = new BestGenerator(db, _jobId, TimeProvider.System, NullLogger.Instance);

        Evaluate(db, best, 10, swd: 0.2, fd: 30);
        Evaluate(db, best, 20, swd: 0.5, fd: 10);
        Evaluate(db, best, 30, swd: 0.1, fd: 20);

        Assert.Equal(20, best.Step);
    }

    [Fact]
    public async Task Resumed_ComparesAgainstTheStoredBestScore_AndStartingOverDropsIt()
    {
        await using (var first = await OpenAsync())
        {
            var best = new BestGenerator(first, _jobId, TimeProvider.System, NullLogger.Instance);
            Evaluate(first, best, 10, swd: 0.5);
            Evaluate(first, best, 20, swd: 0.3);
            await first.SaveChangesAsync();
        }

        await using (var resumed = Context())
        {
            var best = new BestGenerator(resumed, _jobId, TimeProvider.System, NullLogger.Instance);
            await best.ResumeAsync(resumedAt: 15, CancellationToken.None);
            Assert.Equal(20, best.Step);
            Evaluate(resumed, best, 30, swd: 0.35);
            Assert.Equal(20, best.Step);
            Evaluate(resumed, best, 40, swd: 0.2);
            await resumed.SaveChangesAsync();
            Assert.Equal(40, await StoredBestStepAsync(resumed));
        }

        await using var fromScratch = Context();
        var again = new BestGenerator(fromScratch, _jobId, TimeProvider.System, NullLogger.Instance);
        await again.ResumeAsync(resumedAt: 0, CancellationToken.None);
        Assert.Null(again.Step);
        Assert.Null(await StoredBestStepAsync(fromScratch));
    }

    /// <summary>What the evaluation recorder does with one result: its row, then the offer.</summary>
    private void Evaluate(WganDbContext db, BestGenerator best, int step, double swd, double? fd = null)
    {
        var classifier = fd is { } f ? new ClassifierScores(f, 1, 10, 0.9) : null;
        db.Evaluations.Add(new JobEvaluation
        {
            JobId = _jobId, GeneratorStep = step, SlicedWasserstein = swd, SlicedWassersteinFloor = 0.01, FrechetDistance = fd,
            RecordedAt = DateTimeOffset.UtcNow,
        });
        best.Offer(_generator, step, new EvaluationResult(step, swd, 0.01, null, [], classifier));
    }

    private async Task<int?> StoredBestStepAsync(WganDbContext db) =>
        await db.Artifacts.AsNoTracking().Where(a => a.JobId == _jobId && a.Kind == ArtifactKinds.BestGenerator)
            .Select(a => (int?)a.GeneratorStep).SingleOrDefaultAsync();

    private async Task<WganDbContext> OpenAsync()
    {
        await _connection.OpenAsync();
        var db = Context();
        await db.Database.MigrateAsync();
        var spec = new JobSpec { Dataset = ToyDataset.EightGaussians.Name, Variant = GanVariant.WganGp };
        var (resolved, errors) = JobSpecResolver.Resolve(spec, ToyDataset.EightGaussians.Info);
        Assert.False(errors.Any);
        var job = new Job(resolved!, DateTimeOffset.UtcNow);
        db.Jobs.Add(job);
        await db.SaveChangesAsync();
        _jobId = job.Id;
        return db;
    }

    // One open in-memory connection shared by every context: the database lives as long as it does.
    private SqliteWganDbContext Context() => new(new DbContextOptionsBuilder<SqliteWganDbContext>().UseSqlite(_connection).Options);

    public void Dispose()
    {
        _generator.Dispose();
        _connection.Dispose();
    }
}
