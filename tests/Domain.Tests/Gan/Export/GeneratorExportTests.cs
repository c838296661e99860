using System.Text.Json;
using WganService.Domain.Datasets;
using WganService.Gan;
using WganService.Gan.Datasets;
using WganService.Gan.Export;
using WganService.Domain.Jobs;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan.Export;

public class GeneratorExportTests
{
    [Fact]
    public void ToSafetensors_HoldsTheStoredWeights_AndDescribesTheJob()
    {
        var data = new DatasetInfo("squares", DatasetKind.Images, [1, 28, 28], BuiltIn: false);
        var resolved = JobSpecResolver.Resolve(
            new JobSpec
            {
                Dataset = "squares", Variant = GanVariant.WganGp, Architecture = NetworkArchitecture.Dcgan, Name = "squares-run",
            },
            data).Job!;
        var job = new Job(resolved, DateTimeOffset.UtcNow);
        using var trained = GanNetworks.CreateGenerator(job.Architecture, job.Hyperparameters, data);
        using (var scope = NewDisposeScope()) trained.call(randn(4, job.Hyperparameters.LatentDim)); // Moves the BatchNorm statistics.
        var stored = GeneratorWeights.Save(trained);

        var file = SafetensorsFile.Parse(JobGeneratorExport.ToSafetensors(job, "best", 40, stored));

        Assert.Equal(("pt", job.Id.ToString(), "squares-run", "best", "40"),
            (file.Metadata["format"], file.Metadata["jobId"], file.Metadata["jobName"], file.Metadata["checkpoint"],
                file.Metadata["generatorStep"]));
        var description = JsonDocument.Parse(file.Metadata["generator"]).RootElement;
        Assert.Equal(("dcgan", 100, 28), (
            description.GetProperty("architecture").GetString(),
            description.GetProperty("latentDim").GetInt32(),
            description.GetProperty("imageSize").GetInt32()));
        using var reloaded = GanNetworks.CreateGenerator(job.Architecture, job.Hyperparameters, data);
        var (missing, unexpected) = reloaded.load_state_dict(file.ToStateDict(), strict: true);
        Assert.Empty(missing);
        Assert.Empty(unexpected);
        using var check = NewDisposeScope();
        using var noGrad = no_grad();
        trained.eval();
        reloaded.eval();
        var latents = randn(3, job.Hyperparameters.LatentDim);
        Assert.Equal(trained.call(latents).data<float>().ToArray(), reloaded.call(latents).data<float>().ToArray());
    }
}
