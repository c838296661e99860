using System.Text.Json.Serialization;

namespace WganService.Domain.Jobs;

// The enums a job spec chooses from. JSON names are kebab-case lower ("wgan-gp"); see the Api's
// JSON options. They are stored as strings in the database, so renaming a member is a migration.

/// <summary>How the critic is kept 1-Lipschitz.</summary>
public enum GanVariant
{
    /// <summary>Weight clipping (Arjovsky et al. 2017).</summary>
    Wgan,

    /// <summary>Gradient penalty (Gulrajani et al. 2017).</summary>
    WganGp,
}

public enum NetworkArchitecture
{
    /// <summary>Fully connected networks for vector data.</summary>
    Mlp,

    /// <summary>Convolutional networks for images: the seed's 28×28 networks, DCGAN's for 32 and 64.</summary>
    Dcgan,

    /// <summary>The WGAN-GP authors' MNIST networks (5×5 kernels, 64 base channels), 28×28 greyscale only.</summary>
    DcganMnist,
}

public enum DevicePreference
{
    Auto,
    Cpu,
    Cuda,
}

public enum OptimizerKind
{
    Adam,

    [JsonStringEnumMemberName("rmsprop")]
    RmsProp,
}

/// <summary>How the learning rate changes over a job.</summary>
public enum LearningRateDecay
{
    None,

    /// <summary>From the set rate down to 0 at the last generator step (WGAN-GP's CIFAR-10 code).</summary>
    Linear,
}

/// <summary>How many critic updates each generator step takes.</summary>
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

/// <summary>What ended a job that succeeded.</summary>
public enum TrainingStop
{
    /// <summary>It reached <c>generatorSteps</c>.</summary>
    Steps,

    /// <summary><c>maxTrainingMinutes</c> ran out first.</summary>
    TimeBudget,
}
