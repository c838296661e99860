namespace WganService.Domain.Training;

/// <summary>How a training session ended, when it ended without an exception.</summary>
internal enum SessionEnd
{
    /// <summary>It trained its budget; the job is saved as succeeded.</summary>
    Finished,

    /// <summary>A cancellation was requested: the runner marks the job cancelled.</summary>
    CancelRequested,

    /// <summary>Its sweep ended it at a rung (stopped, or cancelled with the sweep), already saved by that decision.</summary>
    EndedBySweep,
}
