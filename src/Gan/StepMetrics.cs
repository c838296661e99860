namespace WganService.Gan;

/// <summary>
/// What one generator iteration measured. Critic figures are means over its critic updates
/// (<paramref name="CriticUpdates"/>: n_critic, or a burst under the WGAN authors' schedule);
/// the gradient norm is the critic's total parameter-gradient L2 norm at its last update.
/// </summary>
public readonly record struct StepMetrics(
    int GeneratorStep,
    double CriticLoss,
    double GeneratorLoss,
    double WassersteinEstimate,
    double? GradientPenalty,
    double CriticGradientNorm,
    int CriticUpdates);
