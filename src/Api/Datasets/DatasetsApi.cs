using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WganService.Domain.Datasets;
using WganService.Domain.Datasets.Storage;
using WganService.Gan.Datasets;
using WganService.Gan.Datasets.Readers;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using WganService.Domain.Tenants;
using WganService.Api.OpenApi;

namespace WganService.Api.Datasets;

public static class DatasetsApi
{
    public const int MaxNameLength = 100;

    // Multipart framing around the file: boundaries, part headers and the name field.
    private const long FramingAllowance = 64 * 1024;

    public static RouteGroupBuilder MapDatasetsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/datasets").WithTags("Datasets").ProducesDatabaseUnavailable();
        group.MapPost("/", Upload).WithName("uploadDataset")
            .WithSummary("Upload IDX (raw or gzip), NumPy .npy, CSV or a ZIP of PNG/JPEG images, with optional class labels")
            .WithDescription("Multipart fields: 'file' (the data), optional 'name', optional 'labels' " +
                             "(one integer class label 0–255 per sample: " +
                             "IDX1 raw or gzip, a 1-D .npy of integers, or text with one integer per line), optional 'heldOut' " +
                             "(samples of the same kind and shape, in any data format, that evaluation compares against instead of " +
                             "holding out part of 'file'; training then gets all of 'file') with 'heldOutLabels' when 'labels' is sent.")
            .DisableAntiforgery().Accepts<DatasetUploadForm>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/", List).WithName("listDatasets").WithSummary("Built-in and uploaded datasets");
        group.MapGet("/{id}", Get).WithName("getDataset").WithSummary("A dataset by id (built-ins by name)");
        group.MapDelete("/{id:guid}", Delete).WithName("deleteDataset")
            .WithSummary("Delete an uploaded dataset unless a queued or running job uses it")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    public static async Task<Results<Created<DatasetResponse>, ValidationProblem, ProblemHttpResult>> Upload(
        HttpContext context, TenantScope tenant, DatasetStore store, IOptions<DatasetOptions> options,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        // Leave room for the multipart framing around the file itself; a body declared larger is refused unread.
        var bodyLimit = limits.MaxUploadBytes + FramingAllowance;
        if (context.Request.ContentLength > bodyLimit) return TooLarge(limits.MaxUploadBytes);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            bodySize.MaxRequestBodySize = bodyLimit;

        var read = await MultipartUpload.ReadAsync(context.Request, limits.MaxUploadBytes, MaxNameLength, cancellationToken);
        if (read.TooLarge) return TooLarge(limits.MaxUploadBytes);
        var errors = read.Errors;
        if (read.Form is { Name.Length: > MaxNameLength }) errors.Add("name", $"must be at most {MaxNameLength} characters.");
        else if (read.Form?.Name is { } given && !TextRules.IsPlainLine(given)) errors.Add("name", TextRules.NoControlCharacters);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        var form = read.Form!;

        UploadedDataset dataset;
        try
        {
            var parsed = DatasetReader.Read(form.File, limits.MaxUploadBytes, limits.MaxSamples);
            var upload = new DatasetUpload(
                DatasetName(form), parsed, ReadLabels("labels", form.Labels, limits), ReadHeldOut(form, parsed, limits),
                ReadLabels("heldOutLabels", form.HeldOutLabels, limits));
            // Validates the parts against each other (DatasetUpload.Validate) before it writes anything.
            dataset = await store.SaveAsync(tenant.Tenant, upload, clock.GetUtcNow(), cancellationToken);
        }
        catch (InvalidUploadException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [e.Field] = [e.Message] });
        }
        catch (DatasetTooLargeException)
        {
            return TooLarge(limits.MaxUploadBytes);
        }
        catch (DatasetFormatException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [e.Message] });
        }
        return TypedResults.Created($"/datasets/{dataset.Id}", DatasetResponse.From(dataset));
    }

    /// <summary>A labels part ('labels' or 'heldOutLabels'), if sent; a format error names its field.</summary>
    private static byte[]? ReadLabels(string field, ArraySegment<byte>? bytes, DatasetOptions limits)
    {
        if (bytes is null) return null;
        try
        {
            return LabelReader.Read(bytes.Value, limits.MaxUploadBytes);
        }
        catch (DatasetFormatException e)
        {
            throw new InvalidUploadException(field, e.Message);
        }
    }

    /// <summary>
    /// The held-out part, if sent; a format error names 'heldOut'. Its samples count towards the upload's
    /// samples limit with the data's, and the message says so (the limit alone would read as the file's own).
    /// </summary>
    private static ParsedDataset? ReadHeldOut(UploadForm form, ParsedDataset data, DatasetOptions limits)
    {
        if (form.HeldOut is not { } bytes) return null;
        ParsedDataset heldOut;
        try
        {
            heldOut = DatasetReader.Read(bytes, limits.MaxUploadBytes, limits.MaxSamples);
        }
        catch (DatasetFormatException e)
        {
            throw new InvalidUploadException("heldOut", e.Message);
        }
        var total = (long)data.Count + heldOut.Count;
        return total <= limits.MaxSamples ? heldOut : throw new InvalidUploadException("heldOut",
            $"holds {heldOut.Count} samples and 'file' {data.Count}: {total} in all, more than the limit of " +
            $"{limits.MaxSamples} samples for one upload (Datasets:MaxSamples).");
    }

    /// <summary>
    /// The name given, else the file's name without its extension, cut to fit (a file name is no field the client chose to send).
    /// </summary>
    private static string DatasetName(UploadForm form)
    {
        var name = string.IsNullOrWhiteSpace(form.Name) ? Path.GetFileNameWithoutExtension(form.FileName ?? "") : form.Name;
        name = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        name = name.Length > MaxNameLength ? name[..MaxNameLength] : name;
        return name.Length > 0 ? name : "dataset";
    }

    /// <summary>The built-ins, which every tenant may train on, then the caller's own uploads (every tenant's for an admin).</summary>
    public static async Task<Ok<DatasetListResponse>> List(TenantScope tenant, WganDbContext db, CancellationToken cancellationToken)
    {
        var uploaded = await db.Datasets.AsNoTracking().VisibleTo(tenant).OrderByDescending(d => d.CreatedAt)
            .ToListAsync(cancellationToken);
        var ids = uploaded.ConvertAll(d => d.Id);
        var classifiers = await db.DatasetClassifiers.AsNoTracking().Where(c => ids.Contains(c.DatasetId))
            .ToDictionaryAsync(c => c.DatasetId, cancellationToken);
        return TypedResults.Ok(
            new DatasetListResponse(
                [.. ToyDataset.All.Select(DatasetResponse.From),
                    .. uploaded.Select(d => DatasetResponse.From(d, classifiers.GetValueOrDefault(d.Id)))]));
    }

    public static async Task<Results<Ok<DatasetResponse>, NotFound>> Get(string id, TenantScope tenant, WganDbContext db,
        CancellationToken cancellationToken)
    {
        if (ToyDataset.Find(id) is { } toy) return TypedResults.Ok(DatasetResponse.From(toy));
        var uploaded = Guid.TryParse(id, out var guid) ? await db.Datasets.AsNoTracking().VisibleTo(tenant)
            .SingleOrDefaultAsync(d => d.Id == guid, cancellationToken) : null;
        if (uploaded is null) return TypedResults.NotFound();
        var classifier = await db.DatasetClassifiers.AsNoTracking()
            .SingleOrDefaultAsync(c => c.DatasetId == uploaded.Id, cancellationToken);
        return TypedResults.Ok(DatasetResponse.From(uploaded, classifier));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(Guid id, TenantScope tenant, WganDbContext db,
        CancellationToken cancellationToken)
    {
        var dataset = await db.Datasets.VisibleTo(tenant).SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (dataset is null) return TypedResults.NotFound();
        var name = id.ToString();
        var users = await db.Jobs.Where(j => j.Dataset == name && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running))
            .Select(j => j.Id).ToListAsync(cancellationToken);
        if (users.Count > 0)
            return TypedResults.Problem($"Dataset is used by {users.Count} queued or running job(s): {string.Join(", ", users)}.",
                statusCode: StatusCodes.Status409Conflict, title: "Dataset in use");
        db.Datasets.Remove(dataset); // Its chunks go with it (cascade).
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem($"The upload is larger than the limit of {limit} bytes (Datasets:MaxUploadBytes).",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large");
}
