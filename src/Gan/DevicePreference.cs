namespace WganService.Gan;

// JSON names are kebab-case lower ("wgan-gp"; see the Api's JSON options). Stored as strings in the
// database (StoredEnumNamesTests pins them): renaming a member is a migration.
public enum DevicePreference
{
    Auto,
    Cpu,
    Cuda,
}
