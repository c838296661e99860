using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WganService.Api.Errors;
using WganService.Api.OpenApi;
using WganService.Domain.Datasets;
using WganService.Domain.Datasets.Storage;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using WganService.Domain.Training;
using WganService.Domain.Tenants;

namespace WganService.Api.Jobs;

public static class JobsApi
{
    public const int MaxPageSize = 100;
    public const int MaxMetricsPage = 10_000;

    public static RouteGroupBuilder MapJobsApi(this IEndpointRouteBuilder routes)
    {
        // Each route with an id answers an unknown job, and another tenant's, alike: Problems.JobNotFound.
        var group = routes.MapGroup("/jobs").WithTags("Jobs").ProducesDatabaseUnavailable();
        group.MapPost("/", CreateJob).WithName("createJob").WithSummary("Submit a training job")
            .WithDescription("Only dataset and variant are required; the response echoes every resolved hyperparameter. "
                + "An Idempotency-Key makes a retry safe: the same key and body get the first job back, another body a 422.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithRequestExample("toy", "8 Gaussians with WGAN-GP, 2,000 generator steps, a fixed seed", JobExamples.Toy)
            .WithRequestExample("uploadedDigits", "An uploaded MNIST-style set: the WGAN-GP authors' networks, a 10-minute budget, "
                + "an EMA generator", JobExamples.UploadedDigits);
        group.MapGet("/{id:guid}", GetJob).WithName("getJob").WithSummary("A job with its resolved hyperparameters and latest metrics")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListJobs).WithName("listJobs").WithSummary("Jobs, newest first, with an optional status filter");
        group.MapPost("/{id:guid}/cancel", CancelJob).WithName("cancelJob").WithSummary("Stop a queued or running job")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/metrics", GetMetrics).WithName("listJobMetrics").WithSummary("Recorded training metrics in step order")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/evaluations", GetEvaluations).WithName("listJobEvaluations")
            .WithSummary("Evaluations on held-out data in step order")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/samples.png", GetSamples).WithName("getJobSamplePicture")
            .WithSummary("The latest sample picture (or the one at ?step=)")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<Results<Accepted<JobResponse>, ValidationProblem, ProblemHttpResult>> CreateJob(
        JobSpec spec, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        TenantScope tenant, WganDbContext db, DatasetStore datasets, JobEnqueuer enqueuer,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (idempotencyKey is { Length: > 200 })
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["Idempotency-Key"] = ["must be at most 200 characters."] });
        if (idempotencyKey is not null && !TextRules.IsPlainLine(idempotencyKey))
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["Idempotency-Key"] = [TextRules.NoControlCharacters] });
        var dataset = spec.Dataset is null ? null : await datasets.FindAsync(spec.Dataset, tenant, cancellationToken);
        var (resolved, errors) = JobSpecResolver.Resolve(spec, dataset);
        if (resolved is null) return TypedResults.ValidationProblem(errors.ToDictionary());

        var requestHash = idempotencyKey is null ? null : IdempotentRequests.Hash(spec);
        if (idempotencyKey is not null
            && await IdempotentRequests.FindAsync(db, tenant.Tenant, idempotencyKey, cancellationToken) is { } earlier)
            return await IdempotentRequests.ReplayAsync(db, earlier, requestHash!, cancellationToken);

        var job = new Job(resolved, clock.GetUtcNow(), idempotencyKey, requestHash, tenant.Tenant);
        db.Jobs.Add(job);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (idempotencyKey is not null)
        {
            // A concurrent retry with the same key won the insert: answer as it did.
            db.ChangeTracker.Clear();
            var winner = await IdempotentRequests.FindAsync(db, tenant.Tenant, idempotencyKey, cancellationToken)
                ?? throw new InvalidOperationException("Idempotent insert failed.");
            return await IdempotentRequests.ReplayAsync(db, winner, requestHash!, cancellationToken);
        }

        try
        {
            enqueuer.Enqueue(job);
        }
        catch
        {
            // Nothing half-written: a job that could not be queued is not left behind as "queued".
            db.Jobs.Remove(job);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        // A worker may have started the job already, and Status is a concurrency token: record Hangfire's
        // id alone, not through the tracked row, or this save would fail after the job was queued.
        await db.Jobs.Where(j => j.Id == job.Id)
            .ExecuteUpdateAsync(update => update.SetProperty(j => j.BackgroundJobId, job.BackgroundJobId), cancellationToken);
        return TypedResults.Accepted($"/jobs/{job.Id}", JobResponse.From(job, dataset!.DisplayName, null, null));
    }

    public static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetJob(Guid id, TenantScope tenant, WganDbContext db,
        CancellationToken cancellationToken) =>
        await db.FindJobResponseAsync(id, tenant, cancellationToken) is { } job ? TypedResults.Ok(job) : Problems.JobNotFound(id);

    public static async Task<Results<Ok<JobListResponse>, ValidationProblem>> ListJobs(
        TenantScope tenant, WganDbContext db, string? status, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        JobStatus? statusFilter = null;
        if (status is not null)
        {
            if (Enum.TryParse<JobStatus>(status, ignoreCase: true, out var parsed) && !int.TryParse(status, out _)) statusFilter = parsed;
            else errors.Add("status", "must be one of queued, running, succeeded, failed, cancelled, stopped.");
        }
        errors.Range("limit", limit, 1, MaxPageSize);
        var hasCursor = JobCursor.TryParse(cursor, out var after);
        if (cursor is not null && !hasCursor) errors.Add("cursor", "is not a cursor this service issued.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var query = db.Jobs.AsNoTracking().VisibleTo(tenant);
        if (statusFilter is { } s) query = query.Where(j => j.Status == s);
        if (hasCursor) query = query.Where(j => j.CreatedAt < after.CreatedAt
            || (j.CreatedAt == after.CreatedAt && j.Id.CompareTo(after.Id) < 0));
        var pageSize = limit ?? 20;
        var page = await query.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Take(pageSize + 1)
            .ToListAsync(cancellationToken);

        var items = await db.ToResponsesAsync(page.Take(pageSize).ToList(), cancellationToken);
        var next = page.Count > pageSize ? new JobCursor(page[pageSize - 1].CreatedAt, page[pageSize - 1].Id).ToString() : null;
        return TypedResults.Ok(new JobListResponse(items, next));
    }

    public static async Task<Results<Accepted<JobResponse>, ProblemHttpResult>> CancelJob(
        Guid id, TenantScope tenant, WganDbContext db, JobEnqueuer enqueuer, TimeProvider clock, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.FindVisibleAsync(id, tenant, cancellationToken);
        if (job is null) return Problems.JobNotFound(id);
        if (job.Status.IsFinished())
            return TypedResults.Problem($"Job is already {job.Status.ToString().ToLowerInvariant()}.",
                statusCode: StatusCodes.Status409Conflict, title: "Job already finished");

        job.RequestCancel(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken); // A concurrent start surfaces as a 409 (see ProblemExceptionHandler).
        if (job.Status == JobStatus.Cancelled) enqueuer.Forget(job);
        return TypedResults.Accepted($"/jobs/{job.Id}", await db.ToResponseAsync(job, cancellationToken));
    }

    public static async Task<Results<Ok<MetricListResponse>, ProblemHttpResult, ValidationProblem>> GetMetrics(
        Guid id, int? afterStep, int? limit, TenantScope tenant, WganDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Range("limit", limit, 1, MaxMetricsPage);
        errors.Range("afterStep", afterStep, 0, int.MaxValue);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        if (!await db.Jobs.IsVisibleAsync(id, tenant, cancellationToken)) return Problems.JobNotFound(id);

        var rows = await db.Metrics.AsNoTracking()
            .Where(m => m.JobId == id && m.GeneratorStep > (afterStep ?? 0))
            .OrderBy(m => m.GeneratorStep).Take(limit ?? 1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(new MetricListResponse(rows.ConvertAll(MetricResponse.From)));
    }

    public static async Task<Results<Ok<EvaluationListResponse>, ProblemHttpResult>> GetEvaluations(Guid id, TenantScope tenant,
        WganDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Jobs.AsNoTracking().FindVisibleAsync(id, tenant, cancellationToken) is not { Dataset: var dataset })
            return Problems.JobNotFound(id);
        var rows = await db.Evaluations.AsNoTracking().Where(e => e.JobId == id).OrderBy(e => e.GeneratorStep)
            .ToListAsync(cancellationToken);
        var classifier = Guid.TryParse(dataset, out var datasetId)
            ? await db.DatasetClassifiers.AsNoTracking().SingleOrDefaultAsync(c => c.DatasetId == datasetId, cancellationToken) : null;
        return TypedResults.Ok(
            new EvaluationListResponse(rows.ConvertAll(EvaluationResponse.From),
                classifier is null ? null : Datasets.ClassifierResponse.From(classifier)));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetSamples(
        Guid id, int? step, TenantScope tenant, WganDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Jobs.IsVisibleAsync(id, tenant, cancellationToken)) return Problems.JobNotFound(id);
        var images = db.SampleImages.AsNoTracking().Where(i => i.JobId == id);
        if (step is { } s) images = images.Where(i => i.GeneratorStep == s);
        var png = await images.OrderByDescending(i => i.GeneratorStep).Select(i => i.Png).FirstOrDefaultAsync(cancellationToken);
        return png is not null ? TypedResults.File(png, "image/png")
            : TypedResults.Problem(step is null ? "The job has not been evaluated yet." : $"No evaluation at step {step}.",
                statusCode: StatusCodes.Status404NotFound, title: "No samples yet");
    }
}
