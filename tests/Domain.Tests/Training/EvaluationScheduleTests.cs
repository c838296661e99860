using WganService.Domain.Training;
using WganService.Gan;

namespace WganService.Domain.Tests.Training;

/// <summary>
/// Evaluations fall at the step cadence and, under a time budget, at each tenth of it that the step cadence
/// left without one (none within a quarter of a tenth of the last); the clock is a test's, moved by hand.
/// </summary>
public sealed class EvaluationScheduleTests
{
    private readonly HandClock _clock = new();

    [Fact]
    public void WithoutABudget_OnlyTheStepCadenceAndTheLastStepAreDue()
    {
        var schedule = Started(Hyperparameters(evaluateEvery: 100, maxTrainingMinutes: null));

        _clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal([100, 200, 250], DueSteps(schedule, 1..250, last: 250));
    }

    [Fact]
    public void WithABudget_EachTenthWithoutAnEvaluationAddsOne_AtTheStepThatCrossesIt()
    {
        // 20 minutes: a tenth is 2 minutes. Steps take 30 s each, so a tenth passes every 4 steps while the step
        // cadence (1,000) never comes: the marks alone give the job its evaluations.
        var schedule = Started(Hyperparameters(evaluateEvery: 1_000, maxTrainingMinutes: 20));

        var due = DueSteps(schedule, steps: 12, stepTime: TimeSpan.FromSeconds(30));

        Assert.Equal([4, 8, 12], due);
    }

    [Fact]
    public void AStepCadenceEvaluation_CoversTheTenthItFallsIn()
    {
        var schedule = Started(Hyperparameters(evaluateEvery: 3, maxTrainingMinutes: 20));

        var due = DueSteps(schedule, steps: 8, stepTime: TimeSpan.FromSeconds(40));

        // Tenths pass at steps 3 (2:00) and 6 (4:00), where the cadence evaluates anyway: no extra evaluations.
        Assert.Equal([3, 6], due);
    }

    [Fact]
    public void AMarkPassedSoonAfterACadenceEvaluation_AddsNone()
    {
        // A tenth is 2 minutes; steps take 11 s, so the cadence (10 steps, 110 s) evaluates just before each mark passes:
        // at steps 11 (2:01) and 22 (4:02), 11 and 22 s after the cadence's evaluation, less than a quarter of a tenth
        // (30 s), which add none; at step 33 (6:03), 33 s after, which adds one.
        var schedule = Started(Hyperparameters(evaluateEvery: 10, maxTrainingMinutes: 20));

        var due = DueSteps(schedule, steps: 34, stepTime: TimeSpan.FromSeconds(11));

        Assert.Equal([10, 20, 30, 33], due);
    }

    [Fact]
    public void AResumedJob_DoesNotReplayTheMarksItsCheckpointAlreadyPassed()
    {
        var h = Hyperparameters(evaluateEvery: 1_000, maxTrainingMinutes: 20);
        var budget = new TrainingBudget(h, _clock);
        budget.Start(trainedBefore: TimeSpan.FromMinutes(9));
        var schedule = new EvaluationSchedule(h, budget);
        schedule.Start();

        Assert.False(schedule.IsDue(401, last: false));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(schedule.IsDue(402, last: false));
        Assert.False(schedule.IsDue(403, last: false));
    }

    private EvaluationSchedule Started(Hyperparameters h)
    {
        var budget = new TrainingBudget(h, _clock);
        budget.Start(TimeSpan.Zero);
        var schedule = new EvaluationSchedule(h, budget);
        schedule.Start();
        return schedule;
    }

    /// <summary>Takes <paramref name="steps"/> steps of <paramref name="stepTime"/> each (none the last).</summary>
    private List<int> DueSteps(EvaluationSchedule schedule, int steps, TimeSpan stepTime)
    {
        var due = new List<int>();
        for (var step = 1; step <= steps; step++)
        {
            _clock.Advance(stepTime);
            if (schedule.IsDue(step, last: false)) due.Add(step);
        }
        return due;
    }

    private static List<int> DueSteps(EvaluationSchedule schedule, Range steps, int last)
    {
        var due = new List<int>();
        for (var step = steps.Start.Value; step <= steps.End.Value; step++)
            if (schedule.IsDue(step, step == last)) due.Add(step);
        return due;
    }

    private static Hyperparameters Hyperparameters(int evaluateEvery, double? maxTrainingMinutes) => new()
    {
        GeneratorSteps = 1_000_000, BatchSize = 32, CriticSteps = 5, LatentDim = 2, Optimizer = OptimizerKind.Adam,
        LearningRate = 1e-4, LearningRateDecay = LearningRateDecay.None, CriticSchedule = CriticSchedule.Constant, GeneratorEma = 0,
        Seed = 1, MetricsEvery = 10, EvaluateEvery = evaluateEvery, CheckpointEvery = 1_000,
        MaxTrainingMinutes = maxTrainingMinutes,
    };

    /// <summary>A clock that stands still until the test moves it.</summary>
    private sealed class HandClock : TimeProvider
    {
        private long _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;

        public override long GetTimestamp() => _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    }
}
