using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using WganService.Domain.Persistence;

namespace WganService.Domain.Tests.Persistence;

/// <summary>
/// Enums are stored as their names (WganDbContext.ConfigureConventions). Moving an enum between
/// namespaces or projects leaves those strings alone, renaming a member does not: rows written before
/// would no longer read. This pins every stored enum and the exact strings it writes.
/// </summary>
public sealed class StoredEnumNamesTests
{
    private static readonly Dictionary<string, string[]> Stored = new()
    {
        ["JobStatus"] = ["Queued", "Running", "Succeeded", "Failed", "Cancelled", "Stopped"],
        ["SweepStatus"] = ["Queued", "Running", "Succeeded", "Failed", "Cancelled"],
        ["SweepObjective"] = ["FrechetDistance", "PatchSlicedWasserstein", "SlicedWasserstein"],
        ["EarlyStoppingKind"] = ["Halving", "None"],
        ["TrainingStop"] = ["Steps", "TimeBudget"],
        ["GanVariant"] = ["Wgan", "WganGp"],
        ["NetworkArchitecture"] = ["Mlp", "Dcgan", "DcganMnist"],
        ["DevicePreference"] = ["Auto", "Cpu", "Cuda"],
        ["OptimizerKind"] = ["Adam", "RmsProp"],
        ["LearningRateDecay"] = ["None", "Linear"],
        ["CriticNormalization"] = ["None", "Layer", "Batch"],
        ["CriticSchedule"] = ["Constant", "WganPaper", "WarmStart"],
        ["DatasetKind"] = ["Vectors", "Images"],
    };

    [Fact]
    public void EveryStoredEnum_WritesTheNamesRowsWereWrittenWith()
    {
        using var db = new SqliteWganDbContext(
            new DbContextOptionsBuilder<SqliteWganDbContext>().UseSqlite("Data Source=:memory:").Options);
        var written = new Dictionary<string, string[]>();
        foreach (var property in db.Model.GetEntityTypes().SelectMany(Properties))
        {
            var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            if (!type.IsEnum) continue;
            var converter = property.GetTypeMapping().Converter;
            Assert.True(
                converter?.ProviderClrType == typeof(string),
                $"{property.DeclaringType.DisplayName()}.{property.Name} is not stored as a string.");
            written[type.Name] = Enum.GetValues(type).Cast<object>().Select(v => (string)converter!.ConvertToProvider(v)!).ToArray();
        }

        Assert.Equal(Stored.OrderBy(e => e.Key), written.OrderBy(e => e.Key));
    }

    /// <summary>A type's own properties and those of its complex properties (a job's hyperparameters).</summary>
    private static IEnumerable<IProperty> Properties(ITypeBase type) =>
        type.GetProperties().Concat(type.GetComplexProperties().SelectMany(c => Properties(c.ComplexType)));
}
