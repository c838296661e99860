namespace WganService.Gan;

// Stored as a string in the database (StoredEnumNamesTests pins the names): renaming a member is a migration.
/// <summary>The normalisation a <see cref="DcganCritic"/> applies after each convolution but the first.</summary>
public enum CriticNormalization
{
    /// <summary>No normalisation (the WGAN-GP paper's choice when LayerNorm is not wanted).</summary>
    None,

    /// <summary>
    /// LayerNorm over each sample's whole feature map. Per-sample, so each score depends on its own
    /// input only, which the gradient penalty assumes: the default for WGAN-GP.
    /// </summary>
    Layer,

    /// <summary>
    /// BatchNorm2d, as in the original WGAN with weight clipping. It couples the samples of a batch,
    /// which invalidates the per-sample gradient penalty: do not combine it with WGAN-GP.
    /// </summary>
    Batch,
}
