namespace WganService.Api.Tests.Hostile;

/// <summary>Things that exist, so malformed requests also reach the code behind a found id, not only the 404.</summary>
internal sealed record FuzzTargets(Guid JobId, Guid DatasetId, string ModelName);
