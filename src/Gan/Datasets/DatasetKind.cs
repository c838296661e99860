namespace WganService.Gan.Datasets;

// Stored as a string in the database (StoredEnumNamesTests pins the names): renaming a member is a migration.
public enum DatasetKind
{
    Vectors,
    Images,
}
