using WganService.Domain.Jobs;
using WganService.Domain.Sweeps;

namespace WganService.Domain.Tests.Sweeps;

public class SearchSpaceTests
{
    private static readonly Dictionary<string, SearchDimension> Space = new()
    {
        ["learningRate"] = new() { Min = 1e-5, Max = 1e-2, Scale = SearchScale.Log },
        ["criticSteps"] = new() { Values = [1, 2, 5] },
        ["gradientPenaltyWeight"] = new() { Min = 1, Max = 20 },
        ["batchSize"] = new() { Min = 16, Max = 128, Scale = SearchScale.Log },
    };

    [Fact]
    public void TheSameSeed_DrawsTheSameTrials_AnotherSeedOthers()
    {
        var baseSpec = new HyperparameterSpec { Beta1 = 0.5 };

        var first = SearchSpace.Draw(Space, baseSpec, 9, seed: 7);
        var again = SearchSpace.Draw(Space, baseSpec, 9, seed: 7);
        var other = SearchSpace.Draw(Space, baseSpec, 9, seed: 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.All(first, t => Assert.Equal(0.5, t.Beta1));
    }

    [Fact]
    public void Draws_StayInTheirRanges_IntegersAreIntegers_ValuesComeFromTheList()
    {
        var trials = SearchSpace.Draw(Space, new HyperparameterSpec(), 500, seed: 1);

        Assert.All(trials, t =>
        {
            Assert.InRange(t.LearningRate!.Value, 1e-5, 1e-2);
            Assert.Contains(t.CriticSteps!.Value, new[] { 1, 2, 5 });
            Assert.InRange(t.GradientPenaltyWeight!.Value, 1, 20);
            Assert.InRange(t.BatchSize!.Value, 16, 128);
        });
        // Log scale: about as many draws in each decade (1e-5..1e-4, 1e-4..1e-3, 1e-3..1e-2), where a linear
        // draw would put 90 % in the last.
        var perDecade = trials.GroupBy(t => (int)Math.Floor(Math.Log10(t.LearningRate!.Value))).Select(g => g.Count()).ToArray();
        Assert.Equal(3, perDecade.Length);
        Assert.All(perDecade, count => Assert.InRange(count, 100, 240));
        Assert.Contains(trials, t => t.BatchSize == 16);
        Assert.Contains(trials, t => t.BatchSize == 128);
        Assert.Equal(3, trials.Select(t => t.CriticSteps).Distinct().Count());
    }

    [Theory]
    [InlineData("nCritic", """{"values":[1]}""", "space.nCritic")]
    [InlineData("learningRate", """{"values":[1e-4],"min":1e-5,"max":1e-3}""", "space.learningRate")]
    [InlineData("learningRate", """{"min":1e-5}""", "space.learningRate")]
    [InlineData("learningRate", """{"min":1e-3,"max":1e-5}""", "space.learningRate.max")]
    [InlineData("learningRate", """{"min":0,"max":1e-3,"scale":"log"}""", "space.learningRate.min")]
    [InlineData("criticSteps", """{"values":[1,2.5]}""", "space.criticSteps.values")]
    [InlineData("criticSteps", """{"min":1.5,"max":4}""", "space.criticSteps")]
    [InlineData("criticSteps", """{"values":[]}""", "space.criticSteps.values")]
    [InlineData("criticSteps", """{"values":[1],"scale":"log"}""", "space.criticSteps.scale")]
    public void MalformedDimensions_AreNamed(string name, string json, string field)
    {
        var dimension = System.Text.Json.JsonSerializer.Deserialize<SearchDimension>(json, JsonOptions)!;
        var errors = new ValidationErrors();

        SearchSpace.Check(new Dictionary<string, SearchDimension> { [name] = dimension }, errors);

        Assert.Contains(field, errors.ToDictionary().Keys);
    }

    [Fact]
    public void AWellFormedSpace_HasNoErrors_AnEmptyOneIsNamed()
    {
        var (good, empty) = (new ValidationErrors(), new ValidationErrors());

        SearchSpace.Check(Space, good);
        SearchSpace.Check(new Dictionary<string, SearchDimension>(), empty);

        Assert.False(good.Any);
        Assert.Equal(new[] { "space" }, empty.ToDictionary().Keys);
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower) },
    };
}
