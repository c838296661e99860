using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan.ScalarSafe;

/// <summary>The scalar-safe optimisers must be the library's, step for step, and read the library's saved state.</summary>
public class ScalarSafeOptimizerTests
{
    public static TheoryData<string> Configurations => ["adam beta1 0", "adam beta1 0.5", "adam weight-decay maximize",
        "rmsprop", "rmsprop centered momentum weight-decay"];

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Steps_AreBitIdenticalToTheLibrarys(string configuration)
    {
        var (library, libraryParameters) = Create(configuration, scalarSafe: false);
        var (safe, safeParameters) = Create(configuration, scalarSafe: true);
        using var gradients = new Generator(5);
        for (var step = 0; step < 20; step++)
        {
            using var scope = NewDisposeScope();
            for (var i = 0; i < libraryParameters.Length; i++)
            {
                var grad = randn(libraryParameters[i].shape, generator: gradients);
                libraryParameters[i].grad = grad.clone();
                safeParameters[i].grad = grad.clone();
            }
            library.step();
            safe.step();
        }
        for (var i = 0; i < libraryParameters.Length; i++)
            Assert.True(libraryParameters[i].eq(safeParameters[i]).all().item<bool>(),
                $"parameter {i} differs after 20 steps ({configuration})");
        Assert.NotEqual(Initial(0)[0].data<float>().ToArray(), safeParameters[0].data<float>().ToArray());
    }

    [Theory]
    [InlineData("adam beta1 0.5")]
    [InlineData("rmsprop")]
    public void SavedState_LoadsBothWays_BetweenTheLibrarysAndTheScalarSafeOptimiser(string configuration)
    {
        var (library, libraryParameters) = Create(configuration, scalarSafe: false);
        foreach (var parameter in libraryParameters) parameter.grad = ones_like(parameter);
        library.step();
        var saved = Save(library);

        var (safe, _) = Create(configuration, scalarSafe: true);
        ((OptimizerHelper)safe).load_state_dict(new BinaryReader(new MemoryStream(saved)));
        Assert.Equal(saved, Save(safe));

        var (libraryAgain, _) = Create(configuration, scalarSafe: false);
        ((OptimizerHelper)libraryAgain).load_state_dict(new BinaryReader(new MemoryStream(Save(safe))));
        Assert.Equal(saved, Save(libraryAgain));
    }

    private static byte[] Save(optim.Optimizer optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream)) ((OptimizerHelper)optimizer).save_state_dict(writer);
        return stream.ToArray();
    }

    private static Parameter[] Initial(int seed)
    {
        using var random = new Generator((ulong)seed + 1);
        return [new Parameter(randn([3, 4], generator: random)), new Parameter(randn([7], generator: random))];
    }

    private static (optim.Optimizer Optimizer, Parameter[] Parameters) Create(string configuration, bool scalarSafe)
    {
        var parameters = Initial(0);
        var has = (string word) => configuration.Contains(word, StringComparison.Ordinal);
        var weightDecay = has("weight-decay") ? 0.01 : 0;
        optim.Optimizer optimizer = configuration.StartsWith("adam", StringComparison.Ordinal)
            ? scalarSafe
                ? new WganService.Gan.ScalarSafe.Adam(parameters, 1e-3, has("0.5") ? 0.5 : 0.0, 0.9)
                : optim.Adam(parameters, 1e-3, has("0.5") ? 0.5 : 0.0, 0.9)
            : scalarSafe
                ? new WganService.Gan.ScalarSafe.RMSProp(parameters, 5e-3)
                : optim.RMSProp(parameters, 5e-3);
        // The options a job never sets, turned on after construction so both optimisers get the same ones.
        foreach (var group in optimizer.ParamGroups)
        {
            switch (((TorchSharp.Modules.ParamGroup)group).Options)
            {
                case Adam.Options adam:
                    (adam.weight_decay, adam.maximize) = (weightDecay, has("maximize"));
                    break;
                case RMSProp.Options rms:
                    (rms.centered, rms.momentum, rms.weight_decay) = (has("centered"), has("momentum") ? 0.9 : 0, weightDecay);
                    break;
            }
        }
        return (optimizer, parameters);
    }
}
