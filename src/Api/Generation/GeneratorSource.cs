namespace WganService.Api.Generation;

/// <summary>
/// Which stored weights a request samples from. <see cref="CacheKey"/> names the slot ("job/{id}/best",
/// "model/{tenant}/{name}/{version}": two tenants' "digits:1" are different weights) and <see cref="Version"/> the weights now in
/// it, so the cache can tell when a training job's best generator has moved on. <see cref="Model"/> is set when the request named a model,
/// <see cref="Tenant"/> is the owner of the job or model.
/// </summary>
public sealed record GeneratorSource(string CacheKey, string Version, Guid JobId, Domain.Models.ModelReference? Model, string Checkpoint,
    int GeneratorStep, string Tenant);
