using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WganService.Api.Errors;
using WganService.Api.Jobs;
using WganService.Api.OpenApi;
using WganService.Domain.Datasets.Storage;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using WganService.Domain.Sweeps;
using WganService.Domain.Tenants;
using WganService.Domain.Training;

namespace WganService.Api.Sweeps;

/// <summary>
/// Hyperparameter sweeps: trials drawn from a search space, run as ordinary jobs by whichever workers are free, most of
/// them stopped early by asynchronous successive halving. Tenant-scoped like jobs: another tenant's sweep reads as missing.
/// </summary>
public static class SweepsApi
{
    public static RouteGroupBuilder MapSweepsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/sweeps").WithTags("Sweeps").ProducesDatabaseUnavailable();
        group.MapPost("/", CreateSweep).WithName("createSweep").WithSummary("Start a hyperparameter sweep")
            .WithDescription("Draws `trials` configurations from `space` with `seed` (the same seed draws the same ones), checks each "
                + "against the job rules, and queues every trial as a job with the whole per-trial `budget`. With "
                + "`earlyStopping` halving (the default, η 3) trials are judged at rungs of the budget and only the best 1/η go on.")
            .WithRequestExample("toy", "Learning rate and n_critic on 8 Gaussians: 9 trials, halving with η 3",
                SweepExamples.Toy);
        group.MapGet("/{id:guid}", GetSweep).WithName("getSweep").WithSummary("A sweep with its rungs, trials, results and best trial")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListSweeps).WithName("listSweeps").WithSummary("Sweeps, newest first");
        group.MapPost("/{id:guid}/cancel", CancelSweep).WithName("cancelSweep")
            .WithSummary("Cancel a sweep: its queued trials at once, its running ones when their trainers next check")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    public static async Task<Results<Accepted<SweepResponse>, ValidationProblem>> CreateSweep(
        SweepSpec spec, TenantScope tenant, WganDbContext db, DatasetStore datasets, JobEnqueuer enqueuer, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var dataset = spec.Dataset is null ? null : await datasets.FindAsync(spec.Dataset, tenant, cancellationToken);
        var labelled = dataset is { BuiltIn: false } && Guid.TryParse(dataset.Name, out var uploadId)
            && (await db.Datasets.AsNoTracking().Where(d => d.Id == uploadId).Select(d => d.ClassCounts)
                .SingleOrDefaultAsync(cancellationToken))?.Count(c => c > 0) >= 2;
        var (resolved, errors) = SweepResolver.Resolve(spec, dataset, labelled);
        if (resolved is null) return TypedResults.ValidationProblem(errors.ToDictionary());

        var now = clock.GetUtcNow();
        var sweep = new Sweep(resolved, now, tenant.Tenant);
        var trials = resolved.TrialJobs
            .Select((trial, i) => new Job(trial, now, tenant: tenant.Tenant, sweepId: sweep.Id, trialIndex: i + 1)).ToList();
        db.Sweeps.Add(sweep);
        db.Jobs.AddRange(trials);
        await db.SaveChangesAsync(cancellationToken); // One save: the sweep and all its trials, or nothing.

        try
        {
            foreach (var trial in trials) enqueuer.Enqueue(trial);
        }
        catch
        {
            // Nothing half-written: a sweep whose trials could not all be queued is not left behind. A trial a worker
            // took meanwhile finds its row gone and does nothing.
            db.Jobs.RemoveRange(trials);
            db.Sweeps.Remove(sweep);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        // Workers may have started trials already, and Status is a concurrency token: record Hangfire's ids alone.
        foreach (var trial in trials)
            await db.Jobs.Where(j => j.Id == trial.Id)
                .ExecuteUpdateAsync(update => update.SetProperty(j => j.BackgroundJobId, trial.BackgroundJobId), cancellationToken);
        return TypedResults.Accepted($"/sweeps/{sweep.Id}", await db.ToResponseAsync(sweep, cancellationToken));
    }

    public static async Task<Results<Ok<SweepResponse>, ProblemHttpResult>> GetSweep(
        Guid id, TenantScope tenant, WganDbContext db, CancellationToken cancellationToken)
    {
        var sweep = await db.Sweeps.AsNoTracking().VisibleTo(tenant).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return sweep is null ? Problems.SweepNotFound(id) : TypedResults.Ok(await db.ToResponseAsync(sweep, cancellationToken));
    }

    public static async Task<Results<Ok<SweepListResponse>, ValidationProblem>> ListSweeps(
        TenantScope tenant, WganDbContext db, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Range("limit", limit, 1, JobsApi.MaxPageSize);
        var hasCursor = JobCursor.TryParse(cursor, out var after);
        if (cursor is not null && !hasCursor) errors.Add("cursor", "is not a cursor this service issued.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var query = db.Sweeps.AsNoTracking().VisibleTo(tenant);
        if (hasCursor) query = query.Where(s => s.CreatedAt < after.CreatedAt
            || (s.CreatedAt == after.CreatedAt && s.Id.CompareTo(after.Id) < 0));
        var pageSize = limit ?? 20;
        var page = await query.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Take(pageSize + 1)
            .ToListAsync(cancellationToken);
        var next = page.Count > pageSize ? new JobCursor(page[pageSize - 1].CreatedAt, page[pageSize - 1].Id).ToString() : null;
        return TypedResults.Ok(new SweepListResponse(page.Take(pageSize).Select(SweepSummaryResponse.From).ToList(), next));
    }

    public static async Task<Results<Accepted<SweepResponse>, ProblemHttpResult>> CancelSweep(
        Guid id, TenantScope tenant, WganDbContext db, JobEnqueuer enqueuer, TimeProvider clock, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var sweep = await db.Sweeps.VisibleTo(tenant).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (sweep is null) return Problems.SweepNotFound(id);
            if (sweep.Status.IsFinished())
                return TypedResults.Problem($"Sweep is already {sweep.Status.ToString().ToLowerInvariant()}.",
                    statusCode: StatusCodes.Status409Conflict, title: "Sweep already finished");
            var now = clock.GetUtcNow();
            var going = await db.Jobs.Where(j => j.SweepId == id && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running))
                .ToListAsync(cancellationToken);
            sweep.Cancel(now);
            sweep.Touch();
            foreach (var job in going) job.RequestCancel(now);
            try
            {
                // Under the sweep's token: a promotion saved meanwhile (a stopped trial queued again) makes this read again.
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 10)
            {
                db.ChangeTracker.Clear();
                continue;
            }
            foreach (var job in going.Where(j => j.Status == JobStatus.Cancelled)) enqueuer.Forget(job);
            return TypedResults.Accepted($"/sweeps/{id}", await db.ToResponseAsync(sweep, cancellationToken));
        }
    }
}
