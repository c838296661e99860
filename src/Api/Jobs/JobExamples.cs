using WganService.Domain.Jobs;
using WganService.Gan;

namespace WganService.Api.Jobs;

/// <summary>
/// Requests for POST /jobs as the OpenAPI document shows them: real specs, so they cannot drift from what the service reads.
/// </summary>
internal static class JobExamples
{
    public static readonly JobSpec Toy = new()
    {
        Name = "8gaussians-gp",
        Dataset = "8gaussians",
        Variant = GanVariant.WganGp,
        Hyperparameters = new HyperparameterSpec { GeneratorSteps = 2000, Seed = 7 },
    };

    public static readonly JobSpec UploadedDigits = new()
    {
        Name = "digits",
        Dataset = "0b7f5a9e-2c1d-4e8f-9a63-5d2e7c4b1f08",
        Variant = GanVariant.WganGp,
        Architecture = NetworkArchitecture.DcganMnist,
        Hyperparameters = new HyperparameterSpec { MaxTrainingMinutes = 10, GeneratorEma = 0.999 },
    };
}
