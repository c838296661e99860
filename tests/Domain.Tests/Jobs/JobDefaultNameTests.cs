using WganService.Domain.Jobs;
using WganService.Gan;
using WganService.Gan.Datasets;

namespace WganService.Domain.Tests.Jobs;

/// <summary>The name a job gets when its spec gives none: its dataset's name (an upload's, not its id) and its variant.</summary>
public class JobDefaultNameTests
{
    private static readonly string UploadId = Guid.CreateVersion7().ToString();

    private static ResolvedJob Resolve(DatasetInfo dataset, GanVariant variant = GanVariant.WganGp) =>
        JobSpecResolver.Resolve(new JobSpec { Dataset = dataset.Name, Variant = variant }, dataset).Job!;

    private static DatasetInfo Upload(string name) => new(UploadId, DatasetKind.Vectors, [2], BuiltIn: false) { DisplayName = name };

    [Fact]
    public void DefaultName_OfABuiltIn_IsItsNameAndTheVariant()
    {
        Assert.Equal("25gaussians-wgan", Resolve(ToyDataset.TwentyFiveGaussians.Info, GanVariant.Wgan).Name);
    }

    [Fact]
    public void DefaultName_OfAnUpload_IsTheNameItWasGiven_WhileTheJobKeepsItsId()
    {
        var job = Resolve(Upload("ring of points"));

        Assert.Equal(("ring of points-wgan-gp", UploadId), (job.Name, job.Dataset));
    }

    [Fact]
    public void DefaultName_OfAnUploadWithTheLongestName_IsCutToTheLongestJobName()
    {
        var name = Resolve(Upload(new string('d', JobSpecResolver.MaxNameLength))).Name;

        Assert.Equal(JobSpecResolver.MaxNameLength, name.Length);
        Assert.EndsWith("d-wgan-gp", name);
    }

    [Fact]
    public void DefaultName_NeverCutsACharacterInHalf()
    {
        // 91 characters then an emoji (two UTF-16 units): the cut at 92 would fall between its halves.
        var name = Resolve(Upload(new string('d', 91) + "😀" + new string('d', 7))).Name;

        Assert.Equal(new string('d', 91) + "-wgan-gp", name);
    }
}
