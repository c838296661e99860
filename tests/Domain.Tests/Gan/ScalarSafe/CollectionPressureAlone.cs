namespace WganService.Domain.Tests.Gan.ScalarSafe;

/// <summary>
/// The scalar-race test makes garbage collections run thousands of times a second. Beside it, any other test's
/// TorchSharp call could lose a scalar the way the test provokes, so it runs after the parallel tests, alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CollectionPressureAlone
{
    public const string Name = "collection pressure";
}
