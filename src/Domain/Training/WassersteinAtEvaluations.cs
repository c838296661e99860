using WganService.Gan.Evaluation;

namespace WganService.Domain.Training;

/// <summary>
/// The critic's W estimate as each evaluation records it, and whether it tracks sample quality: the job's
/// Spearman correlations of W against the evaluations' SWD and, on labelled image sets, their FD. The
/// papers' claim is that W falls as samples improve; these two figures say whether it did in this job.
/// </summary>
internal sealed class WassersteinAtEvaluations
{
    private readonly List<(double Wasserstein, double Swd)> _swdPairs = [];
    private readonly List<(double Wasserstein, double Fd)> _fdPairs = [];

    /// <summary>
    /// The W estimate an evaluation is recorded with: the critic's reading on the held-out data and the
    /// evaluation's own samples (<see cref="HeldOutWasserstein"/>; null at the step-0 baseline). It is paired
    /// with the evaluation's scores for the correlations.
    /// </summary>
    public double? AtEvaluation(EvaluationResult result)
    {
        var wasserstein = result.WassersteinEstimate;
        if (wasserstein is { } w)
        {
            _swdPairs.Add((w, result.SlicedWasserstein));
            if (result.Classifier is { } c) _fdPairs.Add((w, c.FrechetDistance));
        }
        return wasserstein;
    }

    /// <summary>Pairs recorded by the run this one resumes (its evaluations up to the checkpoint), in step order.</summary>
    public void Resume(IEnumerable<(double Wasserstein, double Swd, double? Fd)> kept)
    {
        foreach (var (w, swd, fd) in kept)
        {
            _swdPairs.Add((w, swd));
            if (fd is { } f) _fdPairs.Add((w, f));
        }
    }

    /// <summary>Spearman's ρ of W against SWD and against FD; each null while undefined (see <see cref="Spearman"/>).</summary>
    public (double? Swd, double? Fd) Correlations() => (
        Spearman.Correlation(_swdPairs.ConvertAll(p => p.Wasserstein), _swdPairs.ConvertAll(p => p.Swd)),
        Spearman.Correlation(_fdPairs.ConvertAll(p => p.Wasserstein), _fdPairs.ConvertAll(p => p.Fd)));
}
