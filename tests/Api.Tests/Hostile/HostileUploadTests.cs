using System.Net;
using System.Net.Http.Json;
using WganService.Api.Datasets;
using WganService.Api.Tests.Infrastructure;

namespace WganService.Api.Tests.Hostile;

/// <summary>
/// Files that lie about their size or shape are refused (413 over the limit, else 400 naming 'file') and leave nothing stored.
/// </summary>
public sealed class HostileUploadTests : IAsyncLifetime
{
    private readonly WganApiFactory _factory = HostileInputTests.Configure(WganApiFactory.Embedded());
    private HttpClient _client = null!;

    public static TheoryData<string, HttpStatusCode> Files => new()
    {
        { "gzip bomb", HttpStatusCode.RequestEntityTooLarge },
        { "zip bomb", HttpStatusCode.RequestEntityTooLarge },
        // .NET's ZipArchive stops inflating at the declared 1,000 bytes, which are no image.
        { "zip understating its entry", HttpStatusCode.BadRequest },
        { "png declaring a gigapixel", HttpStatusCode.RequestEntityTooLarge },
        { "idx declaring 4 billion images", HttpStatusCode.BadRequest },
        { "idx declaring 65535 x 65535 images", HttpStatusCode.BadRequest },
        { "idx whose shape overflows 64 bits", HttpStatusCode.BadRequest },
        { "npy declaring 2^31 x 2^31", HttpStatusCode.BadRequest },
        { "npy whose header length lies", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task LyingFile_IsRefused_AndNothingIsStored(string file, HttpStatusCode expected)
    {
        var random = new Random(1);
        var bytes = file switch
        {
            "gzip bomb" => HostileFiles.GzipBomb,
            "zip bomb" => HostileFiles.ZipBomb,
            "zip understating its entry" => HostileFiles.LyingZipBomb,
            "png declaring a gigapixel" => HostileFiles.HugeCanvas,
            "idx declaring 4 billion images" => HostileFiles.Idx(random, count: uint.MaxValue, height: 28, width: 28, bodyBytes: 784),
            "idx declaring 65535 x 65535 images" => HostileFiles.Idx(random, count: 10, height: 65_535, width: 65_535, bodyBytes: 100),
            "idx whose shape overflows 64 bits" => HostileFiles.Idx(random, count: 65_536, height: 65_536, width: 65_536, bodyBytes: 16),
            "npy declaring 2^31 x 2^31" => HostileFiles.Npy("(2147483647, 2147483647)", "<f4", bodyBytes: 64),
            _ => HostileFiles.Npy("(4, 2)", "<f4", bodyBytes: 32, lyingHeaderLength: true),
        };

        var response = await _client.PostAsync("/datasets", IdxFile.Upload(bytes, "upload.bin"));

        await Problem.AssertAsync(response, expected, expected == HttpStatusCode.BadRequest ? "file" : null);
        // The built-ins only.
        Assert.Equal(3, (await _client.GetFromJsonAsync<DatasetListResponse>("/datasets", ApiClient.Json))!.Items.Count);
    }

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }
}
