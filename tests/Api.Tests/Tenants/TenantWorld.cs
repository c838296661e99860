using System.Net;
using System.Net.Http.Json;
using System.Text;
using WganService.Api.Datasets;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Jobs;
using WganService.Domain.Sweeps;

namespace WganService.Api.Tests.Tenants;

/// <summary>
/// Two tenants and an admin on one Api, with what each tenant made through HTTP: alice has a trained
/// job, an uploaded dataset, the models "digits" and "alice-only" and a finished sweep; bob has a trained job and his own "digits".
/// </summary>
public sealed class TenantWorld : IAsyncDisposable
{
    public const string AliceKey = "k3y-alice-5b0e";
    public const string BobKey = "k3y-bob-90aa";
    public const string AdminKey = "k3y-root-33c1";

    /// <summary>The admin's own tenant: what it creates belongs there.</summary>
    public const string AdminTenant = "ops";

    private TenantWorld(WganApiFactory factory) => Factory = factory;

    public WganApiFactory Factory { get; }
    public HttpClient Client { get; private set; } = null!;
    public Guid AliceJob { get; private set; }
    public Guid BobJob { get; private set; }
    public string AliceDataset { get; private set; } = "";
    public Guid AliceSweep { get; private set; }

    /// <summary>Keys as an operator writes them: alice's tenant defaults to her name, bob's is set, the admin acts as "ops".</summary>
    public static WganApiFactory WithTenantKeys(WganApiFactory factory) => factory
        .WithApiKey("alice", AliceKey)
        .WithApiKey("bob", BobKey, index: 1, tenant: "bob")
        .WithApiKey("root", AdminKey, index: 2, tenant: AdminTenant, admin: true);

    public static async Task<TenantWorld> CreateAsync(WganApiFactory factory)
    {
        var world = new TenantWorld(WithTenantKeys(factory));
        world.Client = world.Factory.CreateClient();
        await world.PopulateAsync();
        return world;
    }

    private async Task PopulateAsync()
    {
        var upload = await SendAsync(HttpMethod.Post, "/datasets", AliceKey, CsvUpload());
        Assert.True(upload.StatusCode == HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
        AliceDataset = (await upload.Content.ReadFromJsonAsync<DatasetResponse>(ApiClient.Json))!.Id;

        AliceJob = await SubmitAsync(AliceKey, ApiClient.QuickJob(steps: 4));
        BobJob = await SubmitAsync(BobKey, ApiClient.QuickJob(steps: 4));
        foreach (var (job, key) in new[] { (AliceJob, AliceKey), (BobJob, BobKey) })
        {
            var finished = await WaitUntilFinishedAsync(job, key);
            Assert.True(finished == JobStatus.Succeeded, $"Job {job} ended {finished}");
        }

        // The smallest sweep: two trials of 2 steps, each run to the end.
        var sweep = await SendAsync(HttpMethod.Post, "/sweeps", AliceKey, JsonContent.Create(
            Sweeps.SweepClient.ToySweep(trials: 2, steps: 2, earlyStopping: new { kind = "none" }), options: ApiClient.Json));
        Assert.True(sweep.StatusCode == HttpStatusCode.Accepted, await sweep.Content.ReadAsStringAsync());
        AliceSweep = (await sweep.Content.ReadFromJsonAsync<WganService.Api.Sweeps.SweepResponse>(ApiClient.Json))!.Id;
        using (var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
            while (!(await GetAsync<WganService.Api.Sweeps.SweepResponse>($"/sweeps/{AliceSweep}", AliceKey)).Status.IsFinished())
                await Task.Delay(100, deadline.Token);

        await RegisterAsync(AliceKey, "digits", AliceJob);
        await RegisterAsync(AliceKey, "alice-only", AliceJob);
        await RegisterAsync(BobKey, "digits", BobJob);
    }

    public async Task<Guid> SubmitAsync(string key, object job, string? idempotencyKey = null)
    {
        using var request = Request(HttpMethod.Post, "/jobs", key, JsonContent.Create(job, options: ApiClient.Json));
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        var response = await Client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<WganService.Api.Jobs.JobResponse>(ApiClient.Json))!.Id;
    }

    public async Task RegisterAsync(string key, string name, Guid job)
    {
        var response = await SendAsync(HttpMethod.Post, "/models", key, JsonContent.Create(new { name, jobId = job }));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, HttpContent? content = null)
    {
        using var request = Request(method, path, key, content);
        var response = await Client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public async Task<T> GetAsync<T>(string path, string key)
    {
        var response = await SendAsync(HttpMethod.Get, path, key);
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(ApiClient.Json))!;
    }

    /// <summary>Polls the job's record (as its owner) until it finishes: the record is the truth, so no sleeping on a guess.</summary>
    private async Task<JobStatus> WaitUntilFinishedAsync(Guid job, string key)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            var status = (await GetAsync<WganService.Api.Jobs.JobResponse>($"/jobs/{job}", key)).Status;
            if (status.IsFinished()) return status;
            await Task.Delay(100, deadline.Token);
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string key, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-Api-Key", key);
        return request;
    }

    /// <summary>Two-column vectors as CSV: the cheapest upload to decode.</summary>
    public static MultipartFormDataContent CsvUpload(string name = "points")
    {
        var csv = new StringBuilder();
        for (var i = 0; i < 400; i++) csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i % 7 * 0.1},{i % 5 * -0.2}\n");
        return new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "file", "points.csv" },
            { new StringContent(name), "name" },
        };
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
