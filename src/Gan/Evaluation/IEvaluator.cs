using static TorchSharp.torch;

namespace WganService.Gan.Evaluation;

/// <summary>Scores a generator on held-out data and draws its samples, the same way at every evaluation of a job.</summary>
public interface IEvaluator : IDisposable
{
    /// <param name="critic">The job's critic as trained so far: the result then carries its W estimate on the
    /// held-out data (<see cref="HeldOutWasserstein"/>); null for none (the untrained baseline).</param>
    EvaluationResult Evaluate(nn.Module<Tensor, Tensor> generator, int generatorStep, nn.Module<Tensor, Tensor>? critic = null);
}
