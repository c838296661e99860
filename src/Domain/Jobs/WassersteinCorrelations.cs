namespace WganService.Domain.Jobs;

/// <summary>
/// A job's Spearman correlations, set when it finishes: each W reading against the evaluations' SWD and, on
/// labelled image sets, their FD. Near 1 means the loss curve can be read as a quality curve.
/// </summary>
/// <param name="HeldOutSwd">The critic's reading on held-out data at each evaluation, against SWD.</param>
/// <param name="HeldOutFd">The same against FD.</param>
/// <param name="TrainingSwd">The mean of the last 200 training steps' estimates before each evaluation, against SWD.</param>
/// <param name="TrainingFd">The same against FD.</param>
public sealed record WassersteinCorrelations(double? HeldOutSwd, double? HeldOutFd, double? TrainingSwd, double? TrainingFd);
