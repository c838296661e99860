using System.Diagnostics;
using WganService.Gan;
using WganService.Domain.Jobs;

namespace WganService.Bench.Quality;

/// <summary>Where a recipe stood when its training clock passed a mark.</summary>
public sealed record MarkReached(double Minutes, TimeSpan Trained, int GeneratorSteps, bool JobEnded);

/// <summary>
/// Trains a service recipe step by step as a job's TrainingSession does (its learning-rate schedule,
/// ending at the job's generatorSteps or its maxTrainingMinutes, whichever comes first), stopping the clock at each mark while the caller judges the
/// generator, so evaluation never counts as training time.
/// </summary>
public static class MarkedTraining
{
    public static void Run(WganTrainer trainer, Hyperparameters h, IReadOnlyList<double> marks, Action<MarkReached> atMark)
    {
        var clock = new Stopwatch();
        foreach (var minutes in marks)
        {
            clock.Start();
            while (clock.Elapsed.TotalMinutes < minutes && !Ended(trainer, h, clock.Elapsed))
            {
                if (h.LearningRateDecay != LearningRateDecay.None) trainer.SetLearningRate(LearningRateSchedule.At(h, trainer.GeneratorStep, clock.Elapsed));
                trainer.Step();
            }
            clock.Stop();
            atMark(new MarkReached(minutes, clock.Elapsed, trainer.GeneratorStep, Ended(trainer, h, clock.Elapsed)));
        }
    }

    private static bool Ended(WganTrainer trainer, Hyperparameters h, TimeSpan trained) =>
        trainer.GeneratorStep >= h.GeneratorSteps || trained.TotalMinutes >= (h.MaxTrainingMinutes ?? double.PositiveInfinity);
}
