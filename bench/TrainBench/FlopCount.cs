namespace WganService.Bench.Train;

/// <summary>
/// Floating-point operations of one generator iteration (n_critic critic updates and one generator
/// update), counted analytically from the layer shapes: multiply-adds of the linear and
/// (transposed) convolution layers only, 2 FLOPs each; normalisation, activations and optimiser
/// updates are left out (a few percent). The conventions, per forward pass F of a network on a batch:
/// a backward pass costs 2F (input and weight gradients), F for input gradients alone; a critic update
/// costs F_G (fakes, no grad) + 2F_C (real and fake) + 4F_C (their backward); the gradient penalty adds
/// F_C (interpolates) + F_C (∇ₓC, input gradients, with create_graph) + 4F_C (the weight gradients of
/// the penalty, a backward through both of those); the generator update costs F_G + F_C + F_C (the
/// critic's input gradients only; its weights are frozen) + 2F_G.
/// </summary>
public static class FlopCount
{
    public static double PerIteration(string config, int batch, int criticSteps = 5)
    {
        var (generator, critic, penalty) = config switch
        {
            "toy-gp" => (Mlp(batch, 2, 2), Mlp(batch, 2, 1), true),
            "dcgan28-clip" => (Generator28(batch), Critic28(batch), false),
            "dcgan28-gp" => (Generator28(batch), Critic28(batch), true),
            _ => throw new ArgumentException($"Unknown config {config}.", nameof(config)),
        };
        var criticUpdate = generator + 6 * critic + (penalty ? 6 * critic : 0);
        var generatorUpdate = 3 * generator + 2 * critic;
        return criticSteps * criticUpdate + generatorUpdate;
    }

    private static double Linear(int batch, int inputs, int outputs) => 2.0 * batch * inputs * outputs;

    /// <summary>The WGAN-GP authors' toy MLP: three hidden layers of 512.</summary>
    private static double Mlp(int batch, int inputs, int outputs, int width = 512) =>
        Linear(batch, inputs, width) + 2 * Linear(batch, width, width) + Linear(batch, width, outputs);

    /// <summary>Conv2d with a k×k kernel producing outH×outW: every output value is Cin·k·k multiply-adds.</summary>
    private static double Conv(int batch, int cin, int cout, int outH, int k = 4) => 2.0 * batch * cout * outH * outH * cin * k * k;

    /// <summary>ConvTranspose2d: every input value scatters into Cout·k·k outputs.</summary>
    private static double ConvTranspose(int batch, int cin, int cout, int inH, int k = 4) => 2.0 * batch * cin * inH * inH * cout * k * k;

    /// <summary>The reference's Generator28: 100 → 128·7·7, then 128→64 (14×14), 64→1 (28×28).</summary>
    private static double Generator28(int batch) =>
        Linear(batch, 100, 128 * 7 * 7) + ConvTranspose(batch, 128, 64, 7) + ConvTranspose(batch, 64, 1, 14);

    /// <summary>The reference's critic28: 1→64 (14×14), 64→128 (7×7), 128·7·7 → 1.</summary>
    private static double Critic28(int batch) => Conv(batch, 1, 64, 14) + Conv(batch, 64, 128, 7) + Linear(batch, 128 * 7 * 7, 1);
}
