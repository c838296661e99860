// TorchSharp's default generator and thread count are process-wide: tests that seed or train must
// not interleave, or seeded results stop being reproducible.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
