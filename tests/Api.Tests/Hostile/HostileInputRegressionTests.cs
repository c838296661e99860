using System.Net;
using System.Text;
using WganService.Api.Tests.Infrastructure;

namespace WganService.Api.Tests.Hostile;

/// <summary>What the fuzz runs found, pinned one case each: each was a 500 or a 400 naming no field.</summary>
public sealed class HostileInputRegressionTests : EmbeddedApiTest
{
    private static readonly Guid Unknown = Guid.Parse("8a6f1f0e-56d4-4c5b-9d7b-0b8c9a3a1f00");

    [Theory]
    [InlineData("/jobs?limit=abc", "limit")]
    [InlineData("/jobs?limit=1&limit=2", "limit")]
    [InlineData("/jobs/8a6f1f0e-56d4-4c5b-9d7b-0b8c9a3a1f00/metrics?afterStep=99999999999999999999", "afterStep")]
    [InlineData("/jobs/8a6f1f0e-56d4-4c5b-9d7b-0b8c9a3a1f00/samples.png?step=NaN", "step")]
    public async Task QueryValueOfTheWrongType_Is400_NamingIt(string path, string field)
    {
        await Problem.AssertAsync(await Client.GetAsync(path), HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("/jobs")]
    [InlineData("/generate")]
    [InlineData("/models")]
    public async Task MissingBody_Is400_NamingTheBody(string path)
    {
        var response = await Client.PostAsync(path, new ByteArrayContent([]) { Headers = { { "Content-Type", "application/json" } } });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "$");
    }

    [Theory]
    [InlineData("""{"dataset":"8gaussians","variant":"wgan-gp","name":"a\u0000b"}""", "name")]
    [InlineData("""{"dataset":"8gaussians","variant":"wgan-gp","hyperparameters":{"learningRate":1e400}}""",
        "hyperparameters.learningRate")]
    [InlineData("""{"dataset":"8gaussians","variant":"wgan-gp","hyperparameters":{"learningRate":"NaN"}}""",
        "hyperparameters.learningRate")]
    public async Task HostileJobField_Is400_NamingIt(string body, string field)
    {
        var response = await Client.PostAsync("/jobs", new StringContent(body, Encoding.UTF8, "application/json"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task ModelDescriptionWithANul_Is400()
    {
        var response = await Client.PostAsync("/models",
            new StringContent($$"""{"name":"m","jobId":"{{Unknown}}","description":"a\u0000"}""", Encoding.UTF8, "application/json"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "description");
    }

    public static TheoryData<string, string, string> MalformedForms => new()
    {
        { "multipart/form-data", Form("b", "file", "1,2\n"), "file" }, // no boundary
        { $"multipart/form-data; boundary={new string('b', 71)}", Form(new string('b', 71), "file", "1,2\n"), "file" },
        { "multipart/form-data; boundary=b", Form("b", "file", "1,2\n")[..60], "$" }, // truncated
        { "multipart/form-data; boundary=b", Form("b", "files", "1,2\n"), "files" }, // unknown field
        { "multipart/form-data; boundary=b", Form("b", "file", "1,2\n", parts: 2000), "file" }, // 2,000 files: refused at the second
        { "multipart/form-data; boundary=b", Form("b", "file", "1,2\n", name: "a\u0001"), "name" },
        { "multipart/form-data; boundary=b", Form("b", "file", ""), "file" },
    };

    [Theory]
    [MemberData(nameof(MalformedForms))]
    public async Task MalformedUploadForm_Is400_NamingTheField(string contentType, string body, string field)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        await Problem.AssertAsync(await Client.PostAsync("/datasets", content), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task UploadDeclaringALengthOverTheLimit_Is413_BeforeItIsRead()
    {
        await using var factory = WganApiFactory.Embedded();
        factory.Settings["Datasets:MaxUploadBytes"] = "10000";
        using var client = factory.CreateClient();
        var content = new ByteArrayContent(new byte[200_000]);
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");

        await Problem.AssertAsync(await client.PostAsync("/datasets", content), HttpStatusCode.RequestEntityTooLarge);
    }

    private static string Form(string boundary, string field, string file, int parts = 1, string? name = null)
    {
        var text = new StringBuilder();
        for (var i = 0; i < parts; i++)
            text.Append($"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"f.csv\"\r\n\r\n{file}\r\n");
        if (name is not null) text.Append($"--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n{name}\r\n");
        return text.Append($"--{boundary}--\r\n").ToString();
    }
}
