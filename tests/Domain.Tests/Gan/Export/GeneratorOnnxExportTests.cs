using TorchSharp.Modules;
using Xunit.Abstractions;
using WganService.Domain.Jobs;
using WganService.Gan;
using WganService.Gan.Datasets;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan.Export;

/// <summary>
/// Every generator the service trains, exported to ONNX and run by ONNX Runtime, against TorchSharp's eval-mode
/// forward (what /generate serves) on the same latents. BatchNorm layers get non-trivial affine weights and running
/// statistics first, so the inference form is really checked: with the defaults (weight 1, bias 0, mean 0, var 1)
/// a graph that skipped BatchNorm, or normalised with the batch's own statistics, could still pass.
/// </summary>
public sealed class GeneratorOnnxExportTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-5f;

    public static TheoryData<NetworkArchitecture, int[]> Networks => new()
    {
        { NetworkArchitecture.Mlp, [2] },
        { NetworkArchitecture.Dcgan, [1, 28, 28] },
        { NetworkArchitecture.Dcgan, [3, 32, 32] },
        { NetworkArchitecture.Dcgan, [3, 64, 64] },
        { NetworkArchitecture.DcganMnist, [1, 28, 28] },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void OnnxRuntime_MatchesTorchSharp_OnTheSameLatents_ForAnyBatchSize(NetworkArchitecture architecture, int[] sampleShape)
    {
        var job = JobFor(architecture, sampleShape);
        var latentDim = job.Hyperparameters.LatentDim;
        var stored = TrainedWeights(job);

        using var runner = new OnnxModelRunner(JobGeneratorExport.ToOnnx(job, "best", 12, stored));

        using var generator = GanNetworks.LoadGenerator(job.Architecture, job.Hyperparameters, job.DataInfo, stored);
        generator.eval();
        foreach (var (count, seed) in new[] { (1, 1L), (5, 2L) })
        {
            var latents = WganService.Gan.Serving.Latents.FromSeed(count, latentDim, seed);
            var (onnx, shape) = runner.Run(latents, count);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var torch = generator.call(tensor(latents, [count, latentDim]));
            Assert.Equal(torch.shape, shape);
            Assert.Equal([count, .. sampleShape.Select(d => (long)d)], shape);
            var difference = (tensor(onnx, torch.shape) - torch).abs().max().item<float>();
            output.WriteLine($"{architecture} {string.Join('x', sampleShape)}, N = {count}: max |onnx − torch| = {difference:E2}");
            Assert.True(
                difference <= Tolerance,
                $"{architecture} {string.Join('x', sampleShape)}, N = {count}: max |onnx − torch| = {difference:E2}.");
        }
    }

    [Fact]
    public void Model_IsOpset17_WithZInAndSamplesOut_BatchDynamic_AndNamesItsJob()
    {
        var job = JobFor(NetworkArchitecture.Dcgan, [3, 32, 32]);

        var bytes = JobGeneratorExport.ToOnnx(job, "final", 40, TrainedWeights(job));

        var model = global::Onnx.ModelProto.Parser.ParseFrom(bytes);
        Assert.Equal(("", 17L), (model.OpsetImport.Single().Domain, model.OpsetImport.Single().Version));
        var metadata = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal((job.Id.ToString(), "final", "40"), (metadata["jobId"], metadata["checkpoint"], metadata["generatorStep"]));
        Assert.Contains("\"architecture\":\"dcgan\"", metadata["generator"], StringComparison.Ordinal);
        // Inference form: no node asks for training mode, so no runtime recomputes the batch's statistics.
        var norms = model.Graph.Node.Where(n => n.OpType == "BatchNormalization").ToList();
        Assert.Equal(3, norms.Count); // After the projection and after each of the two hidden transposed convolutions.
        Assert.All(norms, n => Assert.DoesNotContain(n.Attribute, a => a.Name == "training_mode" && a.I != 0));
        using var runner = new OnnxModelRunner(bytes);
        var z = Assert.Single(runner.Inputs);
        var samples = Assert.Single(runner.Outputs);
        Assert.Equal(("z", "N"), (z.Key, z.Value.SymbolicDimensions[0]));
        Assert.Equal([-1, 100], z.Value.Dimensions); // -1: the batch is dynamic.
        Assert.Equal(("samples", "N"), (samples.Key, samples.Value.SymbolicDimensions[0]));
        Assert.Equal([-1, 3, 32, 32], samples.Value.Dimensions);
    }

    private static Job JobFor(NetworkArchitecture architecture, int[] sampleShape)
    {
        var data = sampleShape.Length == 1
            ? ToyDataset.EightGaussians.Info
            : new DatasetInfo($"images{string.Join('x', sampleShape)}", DatasetKind.Images, sampleShape, BuiltIn: false);
        var spec = new JobSpec { Dataset = data.Name, Variant = GanVariant.WganGp, Architecture = architecture };
        var (resolved, errors) = JobSpecResolver.Resolve(spec, data);
        Assert.True(resolved is not null, string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(' ', e.Value)}")));
        return new Job(resolved, DateTimeOffset.UtcNow);
    }

    /// <summary>A generator's stored weights after BatchNorm has learnt something: random affine weights, and running
    /// statistics moved by train-mode passes over latents whose scale and offset are not the standard normal's.</summary>
    private static byte[] TrainedWeights(Job job)
    {
        using var generator = GanNetworks.CreateGenerator(job.Architecture, job.Hyperparameters, job.DataInfo);
        using var scope = NewDisposeScope();
        using (no_grad())
        {
            manual_seed(20_261_206);
            var norms = generator.modules().OfType<BatchNorm2d>().ToList();
            foreach (var norm in norms)
            {
                norm.weight!.uniform_(0.5, 1.5);
                norm.bias!.normal_(0, 0.3);
            }
            generator.train();
            for (var pass = 0; pass < 5; pass++) generator.call(randn(16, job.Hyperparameters.LatentDim) * 2 + 0.5);
            foreach (var norm in norms)
            {
                Assert.True(norm.running_mean!.abs().max().item<float>() > 0.01f, "The running means should have moved from 0.");
                Assert.True((norm.running_var! - 1).abs().max().item<float>() > 0.01f, "The running variances should have moved from 1.");
            }
        }
        return GeneratorWeights.Save(generator);
    }
}
