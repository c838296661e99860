namespace WganService.Gan;

// JSON names are kebab-case lower ("wgan-gp"; see the Api's JSON options). Stored as strings in the
// database (StoredEnumNamesTests pins them): renaming a member is a migration.
public enum CriticSchedule
{
    /// <summary>n_critic (<c>criticSteps</c>) every step.</summary>
    Constant,

    /// <summary>
    /// The WGAN authors' schedule (Arjovsky et al.'s main.py): 100 critic updates for the first 25
    /// generator steps and for every 500th, else n_critic, so the clipped critic is near its optimum
    /// early on and now and then, which is when its estimate means something.
    /// </summary>
    WganPaper,

    /// <summary>
    /// The WGAN-GP paper's n_critic of 5 for the first 300 generator steps, then <c>criticSteps</c>: a recipe
    /// that runs fewer critic updates for speed (the MNIST recipe's 2) still gets a trained critic while the
    /// generator moves fastest. With 2 from the start the MNIST recipe sat on one class for its first
    /// 500 steps (docs/results.md).
    /// </summary>
    WarmStart,
}
