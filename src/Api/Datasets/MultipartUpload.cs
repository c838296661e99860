using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using WganService.Domain.Jobs;

namespace WganService.Api.Datasets;

/// <summary>
/// The parts of an upload form: the file's bytes, its file name, the optional dataset name, labels file,
/// held-out file and held-out labels file.
/// </summary>
internal sealed record UploadForm(
    ArraySegment<byte> File, string? FileName, string? Name, ArraySegment<byte>? Labels = null,
    ArraySegment<byte>? HeldOut = null, ArraySegment<byte>? HeldOutLabels = null);

/// <summary>What reading the form gave: the form, or the fields that were wrong, or "too large".</summary>
internal sealed record UploadRead(UploadForm? Form, ValidationErrors Errors, bool TooLarge);

/// <summary>
/// Reads POST /datasets' multipart body part by part as it arrives, instead of ReadFormAsync: that
/// spools files to disk before anyone looks at them, and answers malformed framing (no boundary, a
/// truncated body, thousands of parts) with exceptions that became 500s. Here the file part is copied
/// into memory up to the upload limit and reading stops the moment it passes; nothing touches disk.
/// Only the fields 'file', 'labels', 'heldOut', 'heldOutLabels' and 'name' are accepted, as unknown JSON
/// fields are refused elsewhere. The limit applies to the body as a whole (DatasetsApi sets it).
/// </summary>
internal static class MultipartUpload
{
    /// <summary>RFC 2046 §5.1.1: a boundary is 1 to 70 characters.</summary>
    public const int MaxBoundaryLength = 70;

    private const int MaxNameBytes = 4 * 1024;

    public static async Task<UploadRead> ReadAsync(HttpRequest request, long maxFileBytes, int maxNameLength,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        UploadRead Fail(string field, string rule)
        {
            errors.Add(field, rule);
            return new UploadRead(null, errors, false);
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return Fail("file", "must be sent as multipart/form-data.");
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > MaxBoundaryLength)
            return Fail("file", $"the multipart/form-data content type needs a boundary of 1 to {MaxBoundaryLength} " +
                "characters (RFC 2046).");

        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024 };
        (ArraySegment<byte> Bytes, string? Name)? file = null;
        // The optional files, by field name; each may be sent once.
        var files = new Dictionary<string, ArraySegment<byte>>();
        string? name = null;
        try
        {
            // No count limit is needed: a sixth part is always a repeated or an unknown field, refused on sight.
            for (var parts = 1; await reader.ReadNextSectionAsync(cancellationToken) is { } section; parts++)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                    return Fail("$", $"part {parts} has no 'Content-Disposition: form-data' header naming its field.");
                switch (HeaderUtilities.RemoveQuotes(disposition.Name).Value)
                {
                    case "file" when file is not null:
                        return Fail("file", "must be sent once: one file per upload.");
                    case "file":
                        var bytes = await BoundedCopyAsync(section.Body, maxFileBytes, cancellationToken);
                        if (bytes is null) return new UploadRead(null, errors, TooLarge: true);
                        file = (bytes.Value, HeaderUtilities.RemoveQuotes(
                            disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value);
                        break;
                    case ("labels" or "heldOut" or "heldOutLabels") and var field when files.ContainsKey(field):
                        return Fail(field, "must be sent once per upload.");
                    case ("labels" or "heldOut" or "heldOutLabels") and var field:
                        if (await BoundedCopyAsync(section.Body, maxFileBytes, cancellationToken) is not { } optional)
                            return new UploadRead(null, errors, TooLarge: true);
                        files[field] = optional;
                        break;
                    case "name" when name is not null:
                        return Fail("name", "must be sent once.");
                    case "name":
                        var text = await BoundedCopyAsync(section.Body, MaxNameBytes, cancellationToken);
                        if (text is null) return Fail("name", $"must be at most {maxNameLength} characters.");
                        try
                        {
                            name = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(text.Value);
                        }
                        catch (DecoderFallbackException)
                        {
                            return Fail("name", "must be UTF-8 text.");
                        }
                        break;
                    case var other:
                        return Fail(string.IsNullOrEmpty(other) ? "$" : Shorten(other),
                            "is not a field of this form; send 'file' and optionally 'labels', 'heldOut', 'heldOutLabels' and 'name'.");
                }
            }
        }
        catch (InvalidDataException e)
        {
            return Fail("$", $"the multipart body is malformed: {e.Message}");
        }
        // MultipartReader reports a body that ends before its closing boundary as an IOException. Kestrel's
        // own refusals (413 over the body size limit) derive from IOException too, and keep their status.
        catch (IOException e) when (e is not BadHttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            return Fail("$", "the multipart body ends before its closing boundary (truncated).");
        }

        if (file is not { Bytes.Count: > 0 }) return Fail("file", "is required and must not be empty.");
        if (files.FirstOrDefault(f => f.Value.Count == 0).Key is { } empty) return Fail(empty, "must not be empty when sent.");
        ArraySegment<byte>? Optional(string field) => files.TryGetValue(field, out var bytes) ? bytes : (ArraySegment<byte>?)null;
        return new UploadRead(
            new UploadForm(file.Value.Bytes, file.Value.Name, name, Optional("labels"), Optional("heldOut"), Optional("heldOutLabels")),
            errors, false);
    }

    /// <returns>The bytes, or null as soon as there are more than <paramref name="limit"/>.</returns>
    private static async Task<ArraySegment<byte>?> BoundedCopyAsync(Stream source, long limit, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.TryGetBuffer(out var bytes) ? bytes : buffer.ToArray();
    }

    private static string Shorten(string field) => field.Length <= 64 ? field : field[..64] + "…";
}
