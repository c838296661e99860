using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WganService.Api.Errors;
using WganService.Api.OpenApi;
using WganService.Domain.Persistence;
using WganService.Domain.Tenants;

namespace WganService.Api.Jobs;

/// <summary>A job's training history as a TensorBoard run, for users who already chart their runs there.</summary>
public static class TensorBoardApi
{
    /// <remarks>Swagger takes the route's summary and description from the handler's doc comment.</remarks>
    public static RouteHandlerBuilder MapTensorBoardApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/jobs/{id:guid}/tensorboard", DownloadTensorBoard).WithName("downloadJobTensorBoard").WithTags("Jobs")
            .ProducesDatabaseUnavailable()
            .Produces<Stream>(StatusCodes.Status200OK, TensorBoardArchive.ContentType) // Shown as a binary file.
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>Download the job's TensorBoard event file (a zip holding one run folder)</summary>
    /// <remarks>
    /// The job's metrics, evaluations and sample pictures as a TensorBoard event file, inside a zip
    /// whose one folder is the run: unzip it into a log directory and run `tensorboard --logdir` on it.
    /// Built from the database when asked, so it matches /metrics and /evaluations (steps and times as
    /// recorded) whichever worker trained the job; a running job's file holds the rows recorded so far.
    /// Scalars: Loss/critic, Loss/generator, Loss/gradient_penalty (wgan-gp), Wasserstein/estimate,
    /// Critic/gradient_norm, Throughput/samples_per_second, Evaluation/swd, Evaluation/swd_floor,
    /// Evaluation/modes_covered and Evaluation/high_quality_ratio (toy datasets), Evaluation/fd, Evaluation/fd_floor,
    /// Evaluation/classes_covered and Evaluation/confident_share (labelled image sets). Images: Samples.
    /// </remarks>
    /// <response code="200">The zip.</response>
    /// <response code="404">No such job.</response>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadTensorBoard(
        Guid id, TenantScope tenant, WganDbContext db, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.AsNoTracking().FindVisibleAsync(id, tenant, cancellationToken);
        if (job is null) return Problems.JobNotFound(id);
        // The result sends the file and then disposes it, which deletes it.
        var zip = await TensorBoardArchive.BuildAsync(job, db, cancellationToken);
        return TypedResults.File(zip, TensorBoardArchive.ContentType, TensorBoardArchive.FileName(job));
    }
}
