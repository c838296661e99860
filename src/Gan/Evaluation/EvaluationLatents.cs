using static TorchSharp.torch;

namespace WganService.Gan.Evaluation;

internal static class EvaluationLatents
{
    /// <summary>
    /// The random stream of a job's fixed evaluation latents: derived from the job's seed but distinct
    /// from the training stream, so every evaluation of a job sees the same latents.
    /// </summary>
    public static Generator For(long jobSeed) => new(unchecked((ulong)jobSeed * 2_654_435_761UL + 1));
}
