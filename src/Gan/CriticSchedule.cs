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
}
