using static TorchSharp.torch;

namespace WganService.Gan.Evaluation;

/// <summary>Scores a generator on held-out data and draws its samples, the same way at every evaluation of a job.</summary>
public interface IEvaluator : IDisposable
{
    EvaluationResult Evaluate(nn.Module<Tensor, Tensor> generator, int generatorStep);
}
