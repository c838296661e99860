using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WganService.Api.Datasets;
using WganService.Api.Jobs;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Datasets.Storage;
using WganService.Domain.Persistence;
using WganService.Domain.Tests.Datasets.Readers;
using WganService.Gan.Datasets;
using WganService.Gan.Datasets.Readers;
using WganService.Gan.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace WganService.Api.Tests.Datasets;

/// <summary>
/// POST /datasets with a held-out file ('heldOut', and 'heldOutLabels' beside 'labels'): evaluation draws its two
/// real halves from it, training gets all of the data, and every broken rule is a 400 naming its field.
/// </summary>
public sealed class DatasetHeldOutApiTests : EmbeddedApiTest
{
    private const int DataDigits = 800;

    /// <summary>The slice's first 800 digits as the data, its last 200 as the held-out file, all labelled unless told.</summary>
    private static MultipartFormDataContent Form(bool labels = true, bool heldOutLabels = true)
    {
        var (images, imageLabels) = MnistSlice.Range(0, DataDigits);
        var (heldOut, heldOutLabelsFile) = MnistSlice.Range(DataDigits, MnistSlice.Count);
        var form = IdxFile.Upload(images, "train.idx", name: "mnist-held-out");
        if (labels) form.Add(new ByteArrayContent(imageLabels), "labels", "train-labels.idx");
        form.Add(new ByteArrayContent(heldOut), "heldOut", "test.idx");
        if (heldOutLabels) form.Add(new ByteArrayContent(heldOutLabelsFile), "heldOutLabels", "test-labels.idx");
        return form;
    }

    private async Task<DatasetResponse> UploadAsync(MultipartFormDataContent form)
    {
        var response = await Client.PostAsync("/datasets", form);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<DatasetResponse>(ApiClient.Json))!;
    }

    [Fact]
    public async Task HeldOutFile_IsStoredAfterTheData_AndShownAsHeldOutCount()
    {
        var dataset = await UploadAsync(Form());

        Assert.Equal((DataDigits, 200, 10), (dataset.Count, dataset.HeldOutCount, dataset.Classes));
        // The classes are the data's: 80 digits each (the slice interleaves them), none of the held-out file's.
        Assert.Equal(Enumerable.Range(0, 10).ToDictionary(c => c.ToString(), _ => 80), dataset.ClassCounts);
        Assert.Equal(200, (await Client.GetFromJsonAsync<DatasetResponse>($"/datasets/{dataset.Id}", ApiClient.Json))!.HeldOutCount);

        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WganDbContext>();
        var stored = await db.Datasets.SingleAsync(d => d.Id == Guid.Parse(dataset.Id));
        var values = await scope.ServiceProvider.GetRequiredService<DatasetStore>().LoadValuesAsync(stored, CancellationToken.None);
        var (images, _) = MnistSlice.Range(0, MnistSlice.Count);
        Assert.Equal(DatasetFiles.Read(images).Values, values); // The data's digits, then the held-out file's: the slice in order.
        var labels = await db.DatasetLabels.Where(l => l.DatasetId == stored.Id).Select(l => l.Data).SingleAsync();
        Assert.Equal(MnistSlice.RawLabels(), labels);
    }

    [Fact]
    public async Task Training_GetsAllOfTheData_AndEvaluation_HalvesOfTheHeldOutFile()
    {
        // Black images as the data and the slice's digits held out, unlabelled: any digit in training came from the held-out file.
        var black = DatasetFiles.Idx(0x08, [DataDigits, 28, 28], new byte[DataDigits * 784]);
        var form = IdxFile.Upload(black, "black.idx");
        form.Add(new ByteArrayContent(MnistSlice.Range(DataDigits, MnistSlice.Count).Images), "heldOut", "digits.idx");
        var dataset = await UploadAsync(form);

        await using var scope = Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<DatasetStore>();
        using var random = new torch.Generator(1);
        var (training, evaluator) =
            await store.OpenForTrainingAsync(dataset.Id, latentDim: 8, jobSeed: 1, random, CPU, CancellationToken.None);
        using var disposeTraining = (IDisposable)training;
        using var disposeEvaluator = (IDisposable)evaluator;

        using (NewDisposeScope())
        {
            // 4,000 draws from 800 samples: had the 200 held-out digits been among them, some would have been drawn.
            var batch = training.NextBatch(4_000);
            Assert.Equal(-1f, batch.max().item<float>());
        }
        using var generator = new RowCountingGenerator();
        evaluator.Evaluate(generator, generatorStep: 0);
        // Half of the 200 held-out digits are compared against (the SWD's samples), then the 64 of the grid;
        // split from the data they would be a twentieth of it, 40.
        Assert.Equal(100 + ImageEvaluator.GridImages, generator.Rows);
    }

    [Fact]
    public async Task VectorData_WithAHeldOutFile_TrainsAndIsJudgedAgainstIt()
    {
        // Every data point at the origin, the held-out points spread out: halves split from the data would be
        // identical (floor 0); halves of the held-out file are not.
        var random = new Random(3);
        var form = IdxFile.Upload(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("0,0\n", 200))), "origin.csv");
        var spread = string.Concat(Enumerable.Range(0, 40).Select(_ => $"{random.Next(-100, 100)},{random.Next(-100, 100)}\n"));
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(spread)), "heldOut", "spread.csv");
        var dataset = await UploadAsync(form);
        Assert.Equal((200, 40), (dataset.Count, dataset.HeldOutCount));

        var job = await Client.WaitUntilFinishedAsync((await Client.SubmitAsync(ApiClient.QuickJob(steps: 2, dataset: dataset.Id))).Id);

        Assert.True(job.Status == Domain.Jobs.JobStatus.Succeeded, job.Error);
        var evaluations = (await Client.GetFromJsonAsync<EvaluationListResponse>($"/jobs/{job.Id}/evaluations", ApiClient.Json))!;
        Assert.All(evaluations.Items, e => Assert.True(e.SlicedWassersteinFloor > 1, $"floor {e.SlicedWassersteinFloor}"));
    }

    [Fact]
    public async Task ALabelledJob_OnAHeldOutFile_TrainsItsClassifierOnTheData_AndScoresOnTheHeldOutDigits()
    {
        var dataset = await UploadAsync(Form());

        var submitted = await Client.SubmitAsync(new
        {
            dataset = dataset.Id, variant = "wgan-gp",
            hyperparameters = new { generatorSteps = 2, batchSize = 16, evaluateEvery = 1, criticSteps = 1 },
        });
        var job = await Client.WaitUntilFinishedAsync(submitted.Id, TimeSpan.FromMinutes(8));

        Assert.True(job.Status == Domain.Jobs.JobStatus.Succeeded, job.Error);
        var evaluations = (await Client.GetFromJsonAsync<EvaluationListResponse>($"/jobs/{job.Id}/evaluations", ApiClient.Json))!;
        Assert.All(evaluations.Items, e => Assert.True(e.FrechetDistance > e.FrechetDistanceFloor && e.FrechetDistanceFloor > 0,
            $"FD {e.FrechetDistance}, floor {e.FrechetDistanceFloor}"));
        // Scored on the held-out digits with their own labels: a misaligned label file would score about one in ten.
        Assert.True(evaluations.Classifier!.HeldOutAccuracy > 0.6, $"accuracy {evaluations.Classifier.HeldOutAccuracy}");
    }

    [Theory]
    [InlineData("other shape", "heldOut", "images of shape [1, 20, 20]")]
    [InlineData("one sample", "heldOut", "at least 2")]
    [InlineData("not data", "heldOut", "")]
    [InlineData("sent twice", "heldOut", "once")]
    [InlineData("no held-out labels", "heldOutLabels", "is required when 'labels' and 'heldOut' are sent")]
    [InlineData("held-out labels alone", "heldOutLabels", "needs 'heldOut'")]
    [InlineData("data unlabelled", "heldOutLabels", "needs 'labels'")]
    [InlineData("label count", "heldOutLabels", "holds 50 labels but 'heldOut' holds 200 samples")]
    [InlineData("unseen label", "heldOutLabels", "holds label 42, which no sample of 'file' has")]
    public async Task BrokenRules_Are400_NamingTheFieldAndTheRule_AndStoreNothing(string broken, string field, string rule)
    {
        var (data, labels) = MnistSlice.Range(0, DataDigits);
        var form = broken switch
        {
            "other shape" => Replace(Form(heldOutLabels: false), "heldOut", IdxFile.Squares(10, size: 20)),
            "one sample" => Replace(Replace(Form(), "heldOut", MnistSlice.Range(800, 801).Images),
                "heldOutLabels", MnistSlice.Range(800, 801).Labels),
            "not data" => Replace(Form(), "heldOut", [0, 1, 2, 3, 4, 5, 6, 7]),
            "sent twice" => Add(Form(), "heldOut", MnistSlice.Range(800, 900).Images),
            "no held-out labels" => Form(heldOutLabels: false),
            "held-out labels alone" => Add(Add(IdxFile.Upload(data), "labels", labels), "heldOutLabels", labels),
            "data unlabelled" => Form(labels: false),
            "label count" => Replace(Form(), "heldOutLabels", MnistSlice.Range(800, 850).Labels),
            "unseen label" => Replace(Form(), "heldOutLabels",
                Encoding.UTF8.GetBytes("42\n" + string.Concat(Enumerable.Repeat("1\n", 199)))),
            _ => throw new ArgumentOutOfRangeException(nameof(broken)),
        };

        var problem = await Problem.AssertAsync(await Client.PostAsync("/datasets", form), HttpStatusCode.BadRequest, field);

        Assert.Contains(rule, problem.GetProperty("errors").GetProperty(field)[0].GetString()!);
        var datasets = (await Client.GetFromJsonAsync<DatasetListResponse>("/datasets", ApiClient.Json))!;
        Assert.DoesNotContain(datasets.Items, d => !d.BuiltIn);
    }

    [Theory]
    [InlineData(900)] // the data fits, and both files do not
    [InlineData(800)] // the data alone reaches the limit
    public async Task HeldOutSamplesCountTowardsTheSamplesLimit_WithAMessageSayingSo(int maxSamples)
    {
        await using var factory = WganApiFactory.Embedded();
        factory.Settings["Datasets:MaxSamples"] = maxSamples.ToString(CultureInfo.InvariantCulture);
        using var client = factory.CreateClient();

        var problem = await Problem.AssertAsync(await client.PostAsync("/datasets", Form()), HttpStatusCode.BadRequest, "heldOut");

        Assert.Contains($"holds 200 samples and 'file' 800: 1000 in all, more than the limit of {maxSamples}",
            problem.GetProperty("errors").GetProperty("heldOut")[0].GetString()!);
        Assert.DoesNotContain((await client.GetFromJsonAsync<DatasetListResponse>("/datasets", ApiClient.Json))!.Items, d => !d.BuiltIn);
    }

    [Fact]
    public async Task OpenApi_DescribesTheHeldOutParts_AndHeldOutCount()
    {
        var document = System.Text.Json.JsonDocument.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var form = schemas.GetProperty("DatasetUploadForm").GetProperty("properties");
        foreach (var part in new[] { "heldOut", "heldOutLabels" })
            Assert.Equal("binary", form.GetProperty(part).GetProperty("format").GetString());
        Assert.True(schemas.GetProperty("DatasetResponse").GetProperty("properties").TryGetProperty("heldOutCount", out _));
    }

    private static MultipartFormDataContent Add(MultipartFormDataContent form, string field, byte[] content)
    {
        form.Add(new ByteArrayContent(content), field, field + ".bin");
        return form;
    }

    /// <summary>The form with <paramref name="field"/>'s part, if any, replaced by <paramref name="content"/>.</summary>
    private static MultipartFormDataContent Replace(MultipartFormDataContent form, string field, byte[] content)
    {
        var rebuilt = new MultipartFormDataContent();
        foreach (var part in form.Where(p => p.Headers.ContentDisposition?.Name?.Trim('"') != field)) rebuilt.Add(part);
        return Add(rebuilt, field, content);
    }

    /// <summary>A stand-in generator: black images, counting the latents it is handed.</summary>
    private sealed class RowCountingGenerator() : nn.Module<Tensor, Tensor>("rows")
    {
        public long Rows { get; private set; }

        public override Tensor forward(Tensor latents)
        {
            Rows += latents.shape[0];
            return full([latents.shape[0], 1, 28, 28], -1f);
        }
    }
}
