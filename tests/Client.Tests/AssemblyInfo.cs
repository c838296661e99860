// Hangfire keeps its storage in a process-wide static (JobStorage.Current): hosts in this
// assembly must not run side by side.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
