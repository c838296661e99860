using WganService.Domain.Jobs;
using WganService.Gan.Evaluation;

namespace WganService.Domain.Training;

/// <summary>
/// The critic's W estimate as each evaluation records it, in two readings, and whether each tracks sample
/// quality: the job's Spearman correlations of W against the evaluations' SWD and, on labelled image sets,
/// their FD. The papers' claim is that W falls as samples improve; these figures say whether it did in this job.
/// The held-out reading is the critic on held-out data and the evaluation's own samples; the training reading
/// is the mean of the last 200 training steps' estimates (<see cref="RecentWasserstein"/>), steadier because
/// it averages over the critic's step-to-step changes of scale.
/// </summary>
internal sealed class WassersteinAtEvaluations(RecentWasserstein recent)
{
    private readonly Pairs _heldOut = new();
    private readonly Pairs _training = new();

    /// <summary>
    /// The two W readings an evaluation is recorded with: held-out (<see cref="HeldOutWasserstein"/>; null at the
    /// step-0 baseline) and the recent training mean (null before the first step). Each is paired with the
    /// evaluation's scores for its correlations.
    /// </summary>
    public (double? HeldOut, double? Training) AtEvaluation(EvaluationResult result)
    {
        var training = recent.Mean;
        _heldOut.Add(result.WassersteinEstimate, result.SlicedWasserstein, result.Classifier?.FrechetDistance);
        _training.Add(training, result.SlicedWasserstein, result.Classifier?.FrechetDistance);
        return (result.WassersteinEstimate, training);
    }

    /// <summary>The readings of the evaluations the run this one resumes kept (those up to its checkpoint), in step order.</summary>
    public void Resume(IEnumerable<(double? HeldOut, double? Training, double Swd, double? Fd)> kept)
    {
        foreach (var (heldOut, training, swd, fd) in kept)
        {
            _heldOut.Add(heldOut, swd, fd);
            _training.Add(training, swd, fd);
        }
    }

    /// <summary>Spearman's ρ of each reading against SWD and against FD; each null while undefined (see <see cref="Spearman"/>).</summary>
    public WassersteinCorrelations Correlations() => new(
        _heldOut.AgainstSwd(), _heldOut.AgainstFd(), _training.AgainstSwd(), _training.AgainstFd());

    private sealed class Pairs
    {
        private readonly List<(double Wasserstein, double Swd)> _swd = [];
        private readonly List<(double Wasserstein, double Fd)> _fd = [];

        public void Add(double? wasserstein, double swd, double? fd)
        {
            if (wasserstein is not { } w) return;
            _swd.Add((w, swd));
            if (fd is { } f) _fd.Add((w, f));
        }

        public double? AgainstSwd() => Spearman.Correlation(_swd.ConvertAll(p => p.Wasserstein), _swd.ConvertAll(p => p.Swd));

        public double? AgainstFd() => Spearman.Correlation(_fd.ConvertAll(p => p.Wasserstein), _fd.ConvertAll(p => p.Fd));
    }
}
