namespace WganService.Gan;

// JSON names are kebab-case lower ("wgan-gp"; see the Api's JSON options). Stored as strings in the
// database (StoredEnumNamesTests pins them): renaming a member is a migration.
public enum NetworkArchitecture
{
    /// <summary>Fully connected networks for vector data.</summary>
    Mlp,

    /// <summary>Convolutional networks for images: the seed's 28×28 networks, DCGAN's for 32 and 64.</summary>
    Dcgan,

    /// <summary>The WGAN-GP authors' MNIST networks (5×5 kernels, 64 base channels), 28×28 greyscale only.</summary>
    DcganMnist,
}
