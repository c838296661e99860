namespace WganService.Gan;

// JSON names are kebab-case lower ("wgan-gp"; see the Api's JSON options). Stored as strings in the
// database (StoredEnumNamesTests pins them): renaming a member is a migration.
public enum GanVariant
{
    /// <summary>Weight clipping (Arjovsky et al. 2017).</summary>
    Wgan,

    /// <summary>Gradient penalty (Gulrajani et al. 2017).</summary>
    WganGp,
}
