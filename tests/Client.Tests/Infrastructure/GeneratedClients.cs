using Microsoft.Kiota.Http.HttpClientLibrary;
using WganService.Api.Tests.Infrastructure;

namespace WganService.Client.Tests.Infrastructure;

/// <summary>The generated client, wired the way another service would wire it, over the test host's HTTP handler.</summary>
internal static class GeneratedClients
{
    public static (WganClient Client, HttpClientRequestAdapter Adapter) For(WganApiFactory factory, string apiKey)
    {
        var http = factory.CreateClient();
        var adapter = new HttpClientRequestAdapter(new ApiKeyHeader(apiKey), httpClient: http)
        {
            BaseUrl = http.BaseAddress!.GetLeftPart(UriPartial.Authority),
        };
        return (new WganClient(adapter), adapter);
    }
}
