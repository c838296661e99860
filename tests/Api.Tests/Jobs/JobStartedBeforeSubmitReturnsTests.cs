using System.Net;
using System.Net.Http.Json;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WganService.Api.Jobs;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Persistence;

namespace WganService.Api.Tests.Jobs;

/// <summary>
/// A worker can pick a job up between its insert and the end of POST /jobs. The submit must still
/// answer 202 and record Hangfire's id (it once answered 409, because the job's status had changed).
/// </summary>
public sealed class JobStartedBeforeSubmitReturnsTests
{
    [Fact]
    public async Task JobStartedByAWorkerWhileSubmitting_Is202_AndKeepsItsHangfireId()
    {
        await using var factory = WganApiFactory.Embedded();
        await using var racing = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IBackgroundJobClient>(provider => new StartsTheJobFirst(provider))));
        using var client = racing.CreateClient();

        var response = await client.PostAsJsonAsync("/jobs", ApiClient.QuickJob(), ApiClient.Json);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JobResponse>(ApiClient.Json))!.Id;
        await using var scope = racing.Services.CreateAsyncScope();
        var job = await scope.ServiceProvider.GetRequiredService<WganDbContext>().Jobs.AsNoTracking().SingleAsync(j => j.Id == id);
        Assert.Equal((Domain.Jobs.JobStatus.Running, "hangfire-7"), (job.Status, job.BackgroundJobId));
    }

    /// <summary>Instead of queueing, marks the job running from another database context, as a fast worker would.</summary>
    private sealed class StartsTheJobFirst(IServiceProvider services) : IBackgroundJobClient
    {
        public string Create(Job job, IState state)
        {
            var id = (Guid)job.Args[0];
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WganDbContext>();
            var row = db.Jobs.Single(j => j.Id == id);
            row.Start("cpu", "fast-worker", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(20));
            db.SaveChanges();
            return "hangfire-7";
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}
