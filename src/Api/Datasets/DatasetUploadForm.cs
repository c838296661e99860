using System.ComponentModel.DataAnnotations;

namespace WganService.Api.Datasets;

/// <summary>
/// The form POST /datasets reads, as the OpenAPI document describes it (so generated clients send a
/// multipart body with these parts). The handler reads the parts itself (<see cref="MultipartUpload"/>).
/// </summary>
public sealed class DatasetUploadForm
{
    /// <summary>The data: IDX (raw or gzip), NumPy .npy, CSV of numbers, or a ZIP of PNG/JPEG images of one size.</summary>
    [Required]
    public required IFormFile File { get; init; }

    /// <summary>The dataset's name; default: the file's name without its extension.</summary>
    [StringLength(DatasetsApi.MaxNameLength)]
    public string? Name { get; init; }

    /// <summary>
    /// One integer class label (0–255) per sample: IDX1 (raw or gzip), a 1-D .npy of integers, or one integer per line.
    /// </summary>
    public IFormFile? Labels { get; init; }

    /// <summary>
    /// Held-out samples of the same kind and shape as 'file', in any of its formats: evaluation draws its two real
    /// comparison sets from them (up to 1,000 images each) and training gets all of 'file'. Without it, evaluation
    /// holds out a twentieth of 'file' per set (at most 500 images).
    /// </summary>
    public IFormFile? HeldOut { get; init; }

    /// <summary>One class label per held-out sample, in the formats of 'labels'; required when 'labels' and 'heldOut' are sent.</summary>
    public IFormFile? HeldOutLabels { get; init; }
}
