namespace WganService.Api.Generation;

/// <summary>POST /generate as the OpenAPI document shows it: real requests and a real response shape.</summary>
internal static class GenerateExamples
{
    private static readonly Guid Job = Guid.Parse("5c0f8a3e-8d2b-4c71-a0f4-2b9e6d1c7a55");

    public static readonly GenerateRequest Seeded = new() { JobId = Job, Count = 2, Seed = 7 };

    public static readonly GenerateRequest PngGrid = new() { JobId = Job, Count = 64, Seed = 7, Format = "png", Checkpoint = "final" };

    public static readonly GenerateRequest ModelTruncated = new() { Model = "digits:2", Count = 16, Seed = 7, Truncation = 0.7 };

    public static readonly GenerateRequest Interpolation = new()
    {
        JobId = Job,
        Interpolate = new InterpolationRequest { From = 1, To = 2, Steps = 8 },
    };

    /// <summary>Two 8-gaussians points (the answer to <see cref="Seeded"/>).</summary>
    public static readonly GenerateResponse TwoPoints = new(Job, null, "best", 2000, 7, 2, [2, 2],
        [[1.4021f, 1.3877f], [-0.0139f, -1.4266f]]);
}
