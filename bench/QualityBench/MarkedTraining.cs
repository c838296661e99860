using System.Diagnostics;
using WganService.Gan;
using WganService.Domain.Jobs;

namespace WganService.Bench.Quality;

/// <summary>Where a recipe stood when its training clock passed a mark.</summary>
/// <param name="TrainingWasserstein">The mean of the training steps' W estimates since the previous mark (what a
/// job records at an evaluation).</param>
public sealed record MarkReached(double Minutes, TimeSpan Trained, int GeneratorSteps, bool JobEnded, double TrainingWasserstein);

/// <summary>
/// Trains a service recipe step by step as a job's TrainingSession does (its learning-rate schedule,
/// ending at the job's generatorSteps or its maxTrainingMinutes, whichever comes first), stopping the
/// clock at each mark while the caller judges the generator, so evaluation never counts as training time.
/// </summary>
public static class MarkedTraining
{
    public static void Run(WganTrainer trainer, Hyperparameters h, IReadOnlyList<double> marks, Action<MarkReached> atMark)
    {
        var clock = new Stopwatch();
        foreach (var minutes in marks)
        {
            var (wasserstein, steps) = (0.0, 0);
            clock.Start();
            while (clock.Elapsed.TotalMinutes < minutes && !Ended(trainer, h, clock.Elapsed))
            {
                if (h.LearningRateDecay != LearningRateDecay.None)
                    trainer.SetLearningRate(LearningRateSchedule.At(h, trainer.GeneratorStep, clock.Elapsed));
                (wasserstein, steps) = (wasserstein + trainer.Step().WassersteinEstimate, steps + 1);
            }
            clock.Stop();
            atMark(new MarkReached(
                minutes, clock.Elapsed, trainer.GeneratorStep, Ended(trainer, h, clock.Elapsed),
                steps == 0 ? double.NaN : wasserstein / steps));
        }
    }

    private static bool Ended(WganTrainer trainer, Hyperparameters h, TimeSpan trained) =>
        trainer.GeneratorStep >= h.GeneratorSteps || trained.TotalMinutes >= (h.MaxTrainingMinutes ?? double.PositiveInfinity);
}
