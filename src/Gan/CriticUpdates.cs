
namespace WganService.Gan;

/// <summary>How many critic updates a generator step takes under the job's <see cref="CriticSchedule"/>.</summary>
public static class CriticUpdates
{
    /// <summary>
    /// The WGAN authors' burst size and when it applies (main.py: Diters = 100 while gen_iterations &lt; 25 or % 500 == 0).
    /// </summary>
    public const int Burst = 100;
    public const int BurstWarmUpSteps = 25;
    public const int BurstEvery = 500;

    /// <summary>The warm start's length in generator steps and its critic updates per step (the WGAN-GP paper's n_critic).</summary>
    public const int WarmStartSteps = 300;
    public const int WarmStartCriticSteps = 5;

    /// <param name="completedSteps">Generator steps done before this one (the authors' gen_iterations).</param>
    public static int For(Hyperparameters h, int completedSteps) => h.CriticSchedule switch
    {
        CriticSchedule.WganPaper when completedSteps < BurstWarmUpSteps || completedSteps % BurstEvery == 0 =>
            Math.Max(Burst, h.CriticSteps),
        CriticSchedule.WarmStart when completedSteps < WarmStartSteps => Math.Max(WarmStartCriticSteps, h.CriticSteps),
        _ => h.CriticSteps,
    };
}
