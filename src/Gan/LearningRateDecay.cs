namespace WganService.Gan;

// JSON names are kebab-case lower ("wgan-gp"; see the Api's JSON options). Stored as strings in the
// database (StoredEnumNamesTests pins them): renaming a member is a migration.
public enum LearningRateDecay
{
    None,

    /// <summary>From the set rate down to 0 at the last generator step (WGAN-GP's CIFAR-10 code).</summary>
    Linear,
}
