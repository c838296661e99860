namespace WganService.Domain.Jobs;

// JSON names are kebab-case lower ("wgan-gp"; see the Api's JSON options). Stored as strings in the
// database (StoredEnumNamesTests pins them): renaming a member is a migration.
public enum TrainingStop
{
    /// <summary>It reached <c>generatorSteps</c>.</summary>
    Steps,

    /// <summary><c>maxTrainingMinutes</c> ran out first.</summary>
    TimeBudget,
}
