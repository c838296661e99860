using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using WganService.Domain.Training;

namespace WganService.Domain.Tests.Training;

/// <summary>
/// Hangfire stores a queued job as type and method names (UseSimpleAssemblyNameTypeSerializer in
/// HangfireStorage). Jobs queued before a release must still run after it, so the runner keeps the
/// names it was stored under; moving code into another project or namespace must not change them.
/// </summary>
public sealed class QueuedJobNamesTests
{
    /// <summary>What the code before src/Gan was split from src/Domain stored for every queued job.</summary>
    private const string StoredRunner = "WganService.Domain.Training.TrainingJobRunner, WganService.Domain";

    [Fact]
    public void Enqueue_StoresTheRunnerUnderItsReleasedNames()
    {
        var hangfire = new RecordingClient();

        new JobEnqueuer(hangfire).Enqueue(Guid.NewGuid());

        var job = Assert.Single(hangfire.Created);
        Assert.Equal(StoredRunner, TypeHelper.SimpleAssemblyTypeSerializer(job.Type));
        Assert.Equal(nameof(TrainingJobRunner.RunAsync), job.Method.Name);
        Assert.Equal([typeof(Guid), typeof(CancellationToken)], job.Method.GetParameters().Select(p => p.ParameterType));
    }

    [Fact]
    public void JobQueuedBeforeTheSplit_ResolvesToTheRunner()
    {
        var type = TypeHelper.DefaultTypeResolver(StoredRunner);

        Assert.Equal(typeof(TrainingJobRunner), type);
        Assert.NotNull(type.GetMethod(nameof(TrainingJobRunner.RunAsync), [typeof(Guid), typeof(CancellationToken)]));
    }

    private sealed class RecordingClient : IBackgroundJobClient
    {
        public List<Job> Created { get; } = [];

        public string Create(Job job, IState state)
        {
            Created.Add(job);
            return Created.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}
