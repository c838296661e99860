using System.Net;
using System.Net.Http.Json;
using System.Text;
using WganService.Api.Datasets;
using WganService.Api.Jobs;
using Microsoft.Extensions.DependencyInjection;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Datasets;
using WganService.Gan;
using WganService.Gan.Classifier;
using WganService.Domain.Persistence;

namespace WganService.Api.Tests.Datasets;

public sealed class DatasetLabelsApiTests : EmbeddedApiTest
{
    private static byte[] Npy(byte[] labels)
    {
        var dict = $"{{'descr': '|u1', 'fortran_order': False, 'shape': ({labels.Length},), }}";
        var header = Encoding.Latin1.GetBytes(dict.PadRight((10 + dict.Length + 1 + 63) / 64 * 64 - 11) + "\n");
        return [0x93, .. "NUMPY"u8, 1, 0, (byte)header.Length, (byte)(header.Length >> 8), .. header, .. labels];
    }

    private async Task<DatasetResponse> UploadAsync(MultipartFormDataContent form)
    {
        var response = await Client.PostAsync("/datasets", form);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<DatasetResponse>(ApiClient.Json))!;
    }

    private async Task<int> UploadedCountAsync() =>
        (await Client.GetFromJsonAsync<DatasetListResponse>("/datasets", ApiClient.Json))!.Items.Count(d => !d.BuiltIn);

    [Theory]
    [InlineData("idx.gz")]
    [InlineData("idx")]
    [InlineData("npy")]
    [InlineData("csv")]
    public async Task Labels_InEveryFormat_GiveClassesAndClassCounts(string format)
    {
        var labels = MnistSlice.RawLabels();
        byte[] content = format switch
        {
            "idx.gz" => MnistSlice.Labels,
            "idx" => [0, 0, 0x08, 1, 0, 0, (byte)(labels.Length >> 8), (byte)labels.Length, .. labels],
            "npy" => Npy(labels),
            _ => Encoding.UTF8.GetBytes(string.Join('\n', labels) + "\n"),
        };

        var dataset = await UploadAsync(MnistSlice.Upload(content));

        Assert.Equal((MnistSlice.Count, 10), (dataset.Count, dataset.Classes));
        Assert.Equal(Enumerable.Range(0, 10).ToDictionary(c => c.ToString(), _ => 100), dataset.ClassCounts);
        var fetched = (await Client.GetFromJsonAsync<DatasetResponse>($"/datasets/{dataset.Id}", ApiClient.Json))!;
        Assert.Equal(dataset.ClassCounts, fetched.ClassCounts);
    }

    [Fact]
    public async Task UnlabelledUpload_IsUnchanged_WithNoClasses()
    {
        var response = await Client.PostAsync("/datasets", IdxFile.Upload(MnistSlice.Images, "slice.gz"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        var dataset = (await response.Content.ReadFromJsonAsync<DatasetResponse>(ApiClient.Json))!;
        Assert.Equal((MnistSlice.Count, null), (dataset.Count, dataset.Classes));
        Assert.Null(dataset.ClassCounts);
        Assert.Contains("\"classes\":null", json);
    }

    [Fact]
    public async Task MismatchedCounts_Are400_NamingBothCounts_AndStoreNothing()
    {
        var response = await Client.PostAsync("/datasets", MnistSlice.Upload(Encoding.UTF8.GetBytes("1\n2\n3\n")));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "labels");
        var rule = problem.GetProperty("errors").GetProperty("labels")[0].GetString()!;
        Assert.Contains("3 labels", rule);
        Assert.Contains($"{MnistSlice.Count} samples", rule);
        Assert.Equal(0, await UploadedCountAsync());
    }

    [Theory]
    [InlineData("1\n-2\n", "never negative")]
    [InlineData("1\nseven\n", "not an integer")]
    [InlineData("1\n300\n", "at most 256 classes")]
    public async Task BadLabels_Are400_NamingLabelsAndTheRule(string labels, string rule)
    {
        var response = await Client.PostAsync("/datasets", MnistSlice.Upload(Encoding.UTF8.GetBytes(labels)));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "labels");
        Assert.Contains(rule, problem.GetProperty("errors").GetProperty("labels")[0].GetString()!);
        Assert.Equal(0, await UploadedCountAsync());
    }

    [Fact]
    public async Task LabelsSentTwice_Are400()
    {
        var form = MnistSlice.Upload();
        form.Add(new ByteArrayContent(MnistSlice.Labels), "labels", "again.gz");

        await Problem.AssertAsync(await Client.PostAsync("/datasets", form), HttpStatusCode.BadRequest, "labels");
    }

    [Fact]
    public async Task ImageJob_OnALabelledSlice_ReportsTheFrechetDistance_AndTheDatasetItsClassifier()
    {
        var dataset = await UploadAsync(MnistSlice.Upload());

        var submitted = await Client.SubmitAsync(new
        {
            dataset = dataset.Id, variant = "wgan-gp",
            hyperparameters = new { generatorSteps = 3, batchSize = 16, evaluateEvery = 1, criticSteps = 1 },
        });
        // The first job on the dataset trains its classifier (200 steps on 900 digits) before its own first step.
        var job = await Client.WaitUntilFinishedAsync(submitted.Id, TimeSpan.FromMinutes(8));

        Assert.True(job.Status == Domain.Jobs.JobStatus.Succeeded, job.Error);
        var evaluations = (await Client.GetFromJsonAsync<EvaluationListResponse>($"/jobs/{job.Id}/evaluations", ApiClient.Json))!;
        Assert.Equal([0, 1, 2, 3], evaluations.Items.Select(e => e.GeneratorStep));
        Assert.All(evaluations.Items, e =>
        {
            // An untrained generator's digits are noise: far above two real halves' distance.
            Assert.True(e.FrechetDistance > e.FrechetDistanceFloor && e.FrechetDistanceFloor > 0,
                $"FD {e.FrechetDistance}, floor {e.FrechetDistanceFloor}");
            Assert.InRange(e.ClassesCovered!.Value, 0, 10);
            Assert.InRange(e.ConfidentShare!.Value, 0, 1);
        });
        var classifier = evaluations.Classifier!;
        Assert.Equal(10, classifier.Classes);
        Assert.True(classifier.HeldOutAccuracy > 0.6, $"accuracy {classifier.HeldOutAccuracy}");
        // 50 held-out digits per half are too few to rank the yardstick against the floor (the Domain tests do, on 450).
        Assert.True(classifier.NoiseFrechetDistance > 0 && classifier.RealConfidentShare > 0,
            $"yardstick {classifier.NoiseFrechetDistance}");
        Assert.Equal(classifier, (await Client.GetFromJsonAsync<DatasetResponse>($"/datasets/{dataset.Id}", ApiClient.Json))!.Classifier);
        Assert.NotNull(job.WassersteinFdSpearman);
        Assert.NotNull(job.LatestEvaluation!.FrechetDistance);
    }

    [Fact]
    public async Task OpenApi_DescribesLabelsAndTheFrechetFields()
    {
        var document = System.Text.Json.JsonDocument.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var evaluation = schemas.GetProperty("EvaluationResponse").GetProperty("properties");
        foreach (var field in new[] { "frechetDistance", "frechetDistanceFloor", "classesCovered", "confidentShare" })
            Assert.True(evaluation.TryGetProperty(field, out _), field);
        Assert.True(schemas.GetProperty("EvaluationListResponse").GetProperty("properties").TryGetProperty("classifier", out _));
        Assert.True(schemas.GetProperty("JobResponse").GetProperty("properties").TryGetProperty("wassersteinFdSpearman", out _));
        var dataset = schemas.GetProperty("DatasetResponse").GetProperty("properties");
        foreach (var field in new[] { "classes", "classCounts", "classifier" }) Assert.True(dataset.TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task AStoredClassifier_IsUsed_NotTrainedAgain()
    {
        var dataset = await UploadAsync(MnistSlice.Upload());
        // As if another worker had stored one first: untrained weights and a yardstick no training would give.
        using (var untrained = DomainClassifier.Create(channels: 1, classes: 10, seed: 7, TorchSharp.torch.CPU))
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WganDbContext>();
            db.DatasetClassifiers.Add(new DatasetClassifier
            {
                DatasetId = Guid.Parse(dataset.Id), Weights = GeneratorWeights.Save(untrained), Classes = 10,
                HeldOutAccuracy = 0.125, RealConfidentShare = 0.25, NoiseFrechetDistance = 123.5, CreatedAt = DateTimeOffset.UnixEpoch,
            });
            await db.SaveChangesAsync();
        }

        var submitted = await Client.SubmitAsync(new
        {
            dataset = dataset.Id, variant = "wgan-gp",
            hyperparameters = new { generatorSteps = 1, batchSize = 16, criticSteps = 1 },
        });
        var job = await Client.WaitUntilFinishedAsync(submitted.Id);

        Assert.True(job.Status == Domain.Jobs.JobStatus.Succeeded, job.Error);
        var evaluations = (await Client.GetFromJsonAsync<EvaluationListResponse>($"/jobs/{job.Id}/evaluations", ApiClient.Json))!;
        Assert.Equal((0.125, 123.5), (evaluations.Classifier!.HeldOutAccuracy, evaluations.Classifier.NoiseFrechetDistance));
        Assert.All(evaluations.Items, e => Assert.NotNull(e.FrechetDistance));
    }
}
