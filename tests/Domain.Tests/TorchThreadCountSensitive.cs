namespace WganService.Domain.Tests;

/// <summary>
/// Tests whose results depend on the process-wide torch thread count run after the parallel ones, alone,
/// so no other test changes the count under them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchThreadCountSensitive
{
    public const string Name = "torch threads";
}
