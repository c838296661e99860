using System.Diagnostics;
using System.Text;

namespace WganService.Api.Tests.Hostile;

/// <summary>Sends generated requests one after another and tallies what came back, per route and per status.</summary>
internal sealed class FuzzRun(HttpClient client, MalformedRequests requests)
{
    // A request that takes this long is hanging: the contract is an answer, not a wait.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);

    private readonly SortedDictionary<int, int> _statuses = [];
    private readonly SortedDictionary<string, SortedDictionary<int, int>> _routes = new(StringComparer.Ordinal);
    private readonly List<string> _violations = [];

    public int Sent { get; private set; }

    public IReadOnlyList<string> Violations => _violations;

    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    public async Task SendAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (route, request) = requests.Next();
            var described = await DescribeAsync(request);
            var watch = Stopwatch.StartNew();
            string? violation;
            int status;
            using (var timeout = new CancellationTokenSource(RequestTimeout))
            {
                try
                {
                    using var response = await client.SendAsync(request, timeout.Token);
                    status = (int)response.StatusCode;
                    var body = await response.Content.ReadAsStringAsync(timeout.Token);
                    violation = ResponseContract.Violation(status, response.Content.Headers.ContentType, body);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested)
                {
                    (status, violation) = (0, $"no answer within {RequestTimeout.TotalSeconds} s");
                }
                // TestServer rethrows what escapes the pipeline (where Kestrel would answer 500).
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    (status, violation) = (-1, $"the server threw {e.GetType().Name}: {e.Message}");
                }
            }
            request.Dispose();
            Sent++;
            Count(_statuses, status);
            Count(_routes.TryGetValue(route, out var perRoute) ? perRoute : _routes[route] = [], status);
            if (violation is not null) _violations.Add($"#{i} {described} ({watch.ElapsedMilliseconds} ms) → {violation}");
        }
    }

    public string Histogram()
    {
        var text = new StringBuilder($"{Sent} requests; status codes: {Format(_statuses)}\n");
        foreach (var (route, statuses) in _routes) text.AppendLine($"  {route,-28} {Format(statuses)}");
        return text.ToString();
    }

    private static string Format(SortedDictionary<int, int> statuses) => string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"));

    private static void Count(SortedDictionary<int, int> counts, int status) => counts[status] = counts.GetValueOrDefault(status) + 1;

    private static async Task<string> DescribeAsync(HttpRequestMessage request)
    {
        var uri = request.RequestUri!.OriginalString;
        var text = $"{request.Method} {(uri.Length > 200 ? uri[..200] + "…" : uri)}";
        if (request.Content is null) return text;
        var body = await request.Content.ReadAsByteArrayAsync();
        var preview = Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 200)));
        return $"{text} [{request.Content.Headers.ContentType}] {body.Length} bytes: {preview}";
    }
}
