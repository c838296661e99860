using System.Diagnostics;
using WganService.Gan;
using WganService.Domain.Persistence;

namespace WganService.Domain.Training;

/// <summary>Averages step metrics between two recorded rows and times the samples consumed.</summary>
/// <param name="batchSize">Real samples one critic update consumes.</param>
internal sealed class MetricWindow(Guid jobId, int batchSize)
{
    private double _criticLoss, _generatorLoss, _wasserstein, _penalty;
    private int _steps;
    // Critic updates vary per step under the WGAN authors' schedule: count the samples each step drew.
    private long _samples;
    private long _startTicks = Stopwatch.GetTimestamp();

    public void Add(StepMetrics step)
    {
        _criticLoss += step.CriticLoss;
        _generatorLoss += step.GeneratorLoss;
        _wasserstein += step.WassersteinEstimate;
        _penalty += step.GradientPenalty ?? 0;
        _steps++;
        _samples += (long)step.CriticUpdates * batchSize;
    }

    /// <summary>
    /// The sums not yet recorded, for a checkpoint: a run resumed between two rows then records the same
    /// means as one that never stopped. Samples and time are not carried: they measure this process's speed.
    /// </summary>
    public void SaveSums(BinaryWriter writer)
    {
        foreach (var sum in (double[])[_criticLoss, _generatorLoss, _wasserstein, _penalty]) writer.Write(sum);
        writer.Write(_steps);
    }

    public void RestoreSums(BinaryReader reader) =>
        (_criticLoss, _generatorLoss, _wasserstein, _penalty, _steps) =
            (reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadInt32());

    public JobMetric Close(StepMetrics last, DateTimeOffset now)
    {
        var seconds = Stopwatch.GetElapsedTime(_startTicks).TotalSeconds;
        var metric = new JobMetric
        {
            JobId = jobId,
            GeneratorStep = last.GeneratorStep,
            CriticLoss = _criticLoss / _steps,
            GeneratorLoss = _generatorLoss / _steps,
            WassersteinEstimate = _wasserstein / _steps,
            GradientPenalty = last.GradientPenalty is null ? null : _penalty / _steps,
            CriticGradientNorm = last.CriticGradientNorm,
            SamplesPerSecond = seconds > 0 ? _samples / seconds : 0,
            RecordedAt = now,
        };
        (_criticLoss, _generatorLoss, _wasserstein, _penalty, _steps, _samples) = (0, 0, 0, 0, 0, 0);
        _startTicks = Stopwatch.GetTimestamp();
        return metric;
    }
}
