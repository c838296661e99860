using System.Globalization;
using System.Text;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using WganService.Api.Tests.Infrastructure;
using WganService.Client.Models;
using WganService.Client.Tests.Infrastructure;

namespace WganService.Client.Tests;

/// <summary>
/// Another service's view: only the Kiota client generated from the live OpenAPI document (obj/WganClient,
/// see GenerateClient.targets), against the real Api in embedded mode with two tenants' keys.
/// </summary>
public sealed class GeneratedClientTests : IAsyncLifetime
{
    private const string AliceKey = "alice-k3y";
    private const string BobKey = "bob-k3y";
    private readonly WganApiFactory _factory = WganApiFactory.Embedded()
        .WithApiKey("alice", AliceKey, index: 0, tenant: "alpha")
        .WithApiKey("bob", BobKey, index: 1, tenant: "beta");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task UploadTrainListEvaluateGenerateAndRegister_ThroughTheGeneratedClientOnly()
    {
        var (alice, adapter) = GeneratedClients.For(_factory, AliceKey);

        var upload = new MultipartBody();
        upload.AddOrReplacePart("file", "application/octet-stream", RingCsv(count: 400), "ring.csv");
        upload.AddOrReplacePart("name", "text/plain", "ring");
        var dataset = (await alice.Datasets.PostAsync(upload))!;
        Assert.Equal(("ring", (int?)400, (DatasetKind?)DatasetKind.Vectors), (dataset.Name, dataset.Count, dataset.Kind));

        var submitted = (await alice.Jobs.PostAsync(new JobSpec
        {
            Dataset = dataset.Id,
            Variant = GanVariant.WganGp,
            Hyperparameters = new HyperparameterSpec
            {
                GeneratorSteps = 20, BatchSize = 32, Seed = 5, MetricsEvery = 5, EvaluateEvery = 10,
            },
        }))!;
        Assert.Equal(JobStatus.Queued, submitted.Status);
        Assert.Equal(("ring", "ring-wgan-gp"), (submitted.DatasetName, submitted.Name)); // the upload by name, not by id
        var job = await WaitUntilFinishedAsync(alice, submitted.Id!.Value);
        Assert.Equal(JobStatus.Succeeded, job.Status);

        var listed = (await alice.Jobs.GetAsync(r => r.QueryParameters.Status = "succeeded"))!;
        Assert.Contains(listed.Items!, j => j.Id == job.Id);

        var evaluations = (await alice.Jobs[job.Id!.Value].Evaluations.GetAsync())!;
        Assert.NotEmpty(evaluations.Items!);
        Assert.All(evaluations.Items!, e => Assert.True(e.SlicedWasserstein > 0));

        var samples = (await alice.Generate.PostAsync(new GenerateRequest { JobId = job.Id, Count = 4, Seed = 7 }))!;
        Assert.Equal(((int?)4, (long?)7, "best"), (samples.Count, samples.Seed, samples.Checkpoint));
        Assert.Equal(new int?[] { 4, 2 }, samples.Shape!);
        var points = Rows(samples.Samples!);
        Assert.Equal(4, points.Count);
        Assert.All(points, p => Assert.Equal(2, p.Count));

        // A picture: the same request builder, answered as bytes (the body is image/png, not JSON).
        var pngRequest = alice.Generate.ToPostRequestInformation(
            new GenerateRequest { JobId = job.Id, Count = 16, Seed = 7, Format = "png" });
        await using var png = (await adapter.SendPrimitiveAsync<Stream>(pngRequest))!;
        var signature = new byte[8];
        await png.ReadExactlyAsync(signature);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, signature);

        var version = (await alice.Models.PostAsync(new RegisterModelRequest { Name = "ring", JobId = job.Id }))!;
        Assert.Equal(("ring", (int?)1, "ring:1"), (version.Name, version.Version, version.Reference));
        var fromModel = (await alice.Generate.PostAsync(new GenerateRequest { Model = "ring", Count = 4, Seed = 7 }))!;
        Assert.Equal("ring:1", fromModel.Model);
        // The model is the job's best generator: the same seed gives the same samples.
        Assert.Equal(points, Rows(fromModel.Samples!));
    }

    [Fact]
    public async Task Problems_ArriveAsTypedProblemDetails()
    {
        var (alice, _) = GeneratedClients.For(_factory, AliceKey);
        var (bob, _) = GeneratedClients.For(_factory, BobKey);

        var invalid = await Assert.ThrowsAsync<HttpValidationProblemDetails>(
            () => alice.Jobs.PostAsync(new JobSpec { Variant = GanVariant.WganGp }));
        Assert.Equal(400, invalid.ResponseStatusCode);
        Assert.Equal(["is required."], Strings(invalid.Errors!.AdditionalData["dataset"]));

        // Alice's job, long enough to still exist unfinished; Bob's key must not reach it.
        var job = (await alice.Jobs.PostAsync(new JobSpec
        {
            Dataset = "8gaussians",
            Variant = GanVariant.WganGp,
            Hyperparameters = new HyperparameterSpec { GeneratorSteps = 1_000_000, BatchSize = 32 },
        }))!;
        var notFound = await Assert.ThrowsAsync<ProblemDetails>(() => bob.Jobs[job.Id!.Value].GetAsync());
        Assert.Equal((404, (int?)404), (notFound.ResponseStatusCode, notFound.Status));
        Assert.Equal($"Job {job.Id} does not exist.", notFound.Detail);
        await alice.Jobs[job.Id!.Value].Cancel.PostAsync(); // Not left training while the host stops.
    }

    /// <summary>Polls the job's own record, as a client without an event stream would, until it finishes.</summary>
    private static async Task<JobResponse> WaitUntilFinishedAsync(WganClient client, Guid id)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (true)
        {
            var job = (await client.Jobs[id].GetAsync(cancellationToken: deadline.Token))!;
            if (job.Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled) return job;
            await Task.Delay(100, deadline.Token);
        }
    }

    /// <summary>400 points on a ring of radius 2, the kind of 2-D data the toy sets hold.</summary>
    private static byte[] RingCsv(int count)
    {
        var csv = new StringBuilder("x,y\n");
        for (var i = 0; i < count; i++)
        {
            var angle = 2 * Math.PI * i / count;
            csv.Append(CultureInfo.InvariantCulture, $"{2 * Math.Cos(angle):F4},{2 * Math.Sin(angle):F4}\n");
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>
    /// Kiota maps arrays of arrays (samples: [[x, y], …]) to an untyped node rather than nested lists:
    /// the rows are read from it with Kiota's own node types.
    /// </summary>
    private static List<List<double>> Rows(UntypedNode samples) =>
        [.. ((UntypedArray)samples).GetValue().Select(row => ((UntypedArray)row).GetValue().Select(Number).ToList())];

    private static double Number(UntypedNode node) => node switch
    {
        UntypedDouble d => d.GetValue(),
        UntypedFloat f => f.GetValue(),
        UntypedDecimal m => (double)m.GetValue(),
        UntypedInteger i => i.GetValue(),
        UntypedLong l => l.GetValue(),
        _ => throw new InvalidOperationException($"{node.GetType().Name} is not a number."),
    };

    private static string[] Strings(object value) =>
        [.. ((UntypedArray)value).GetValue().Select(v => ((UntypedString)v).GetValue()!)];
}
