using Microsoft.EntityFrameworkCore;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using WganService.Domain.Sweeps;

namespace WganService.Api.Sweeps;

internal static class SweepQueries
{
    /// <summary>The sweep with its trials and their rung results: three queries, whatever the number of trials.</summary>
    public static async Task<SweepResponse> ToResponseAsync(this WganDbContext db, Sweep sweep, CancellationToken cancellationToken)
    {
        var jobs = await db.Jobs.AsNoTracking().Where(j => j.SweepId == sweep.Id).OrderBy(j => j.TrialIndex).ToListAsync(cancellationToken);
        var results = (await db.SweepRungResults.AsNoTracking().Where(r => r.SweepId == sweep.Id).ToListAsync(cancellationToken))
            .ToLookup(r => r.JobId);
        var ladder = sweep.Ladder;
        var trials = jobs.Select(j =>
        {
            var mine = results[j.Id].OrderBy(r => r.Rung).ToList();
            return new TrialJobResponse(j.TrialIndex ?? 0, j.Id, j.Status, Searched(sweep, j),
                mine.ConvertAll(r => new RungResultResponse(r.Rung, r.GeneratorStep, r.Objective)), mine.LastOrDefault()?.Objective,
                j.GeneratorStep);
        }).ToList();

        // Ranked on what was recorded only: a trial that failed before a rung never counts as having reached it.
        var best = SuccessiveHalving.Best(trials.ConvertAll(t =>
            new TrialStanding(t.JobId, t.RungResults.Select(r => r.Objective ?? double.NaN).ToList(), Active: false)));
        var bestTrial = best is null ? null : trials.Single(t => t.JobId == best.Trial);
        var rungs = ladder.Fractions.Select((fraction, k) => new RungResponse(k, fraction,
            sweep.BudgetGeneratorSteps is { } steps ? ladder.Steps(k, steps) : null)).ToList();
        var toEnd = sweep.BudgetGeneratorSteps is { } budget ? (long)budget * sweep.Trials : (long?)null;
        return new SweepResponse(sweep.Id, sweep.Tenant, sweep.Name, sweep.Dataset, sweep.Variant, sweep.Status, sweep.Objective,
            new EarlyStoppingResponse(sweep.EarlyStopping, sweep.Eta),
            new SweepBudget { GeneratorSteps = sweep.BudgetGeneratorSteps, MaxTrainingMinutes = sweep.BudgetMaxTrainingMinutes },
            sweep.Trials, sweep.Seed, sweep.CreatedAt, sweep.FinishedAt, rungs, trials,
            bestTrial is null ? null : new BestTrialResponse(bestTrial.Trial, bestTrial.JobId, bestTrial.Objective,
                bestTrial.RungResults.Count - 1, bestTrial.Hyperparameters),
            new ComputeResponse(jobs.Sum(j => (long)j.GeneratorStep), toEnd));
    }

    /// <summary>The trial's values of the searched hyperparameters, in name order.</summary>
    private static SortedDictionary<string, double?> Searched(Sweep sweep, Job job) =>
        new(sweep.Space.Keys.Where(SearchableHyperparameters.Contains)
            .ToDictionary(name => name, name => SearchableHyperparameters.Get(job.Hyperparameters, name)), StringComparer.Ordinal);
}
