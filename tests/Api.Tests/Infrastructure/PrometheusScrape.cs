using System.Globalization;
using System.Text;

namespace WganService.Api.Tests.Infrastructure;

/// <summary>One sample line of the exposition: name, labels and value.</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// GET /metrics parsed as Prometheus' text exposition format (0.0.4): samples with their labels
/// (escapes undone) and values, plus each family's TYPE. A line it cannot read fails the test.
/// </summary>
public sealed class PrometheusScrape
{
    private PrometheusScrape(List<MetricSample> samples, Dictionary<string, string> types) => (Samples, Types) = (samples, types);

    public IReadOnlyList<MetricSample> Samples { get; }

    /// <summary>Family name → counter, gauge, histogram, …</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    /// <summary>Samples of this name whose labels include all of the given ones (others may be present).</summary>
    public IEnumerable<MetricSample> Find(string name, params (string Label, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value));

    /// <summary>The value of the one sample that matches; none or several fail the test.</summary>
    public double Value(string name, params (string Label, string Value)[] labels)
    {
        var matches = Find(name, labels).ToList();
        Assert.True(matches.Count == 1, $"Expected one {name}{Describe(labels)}, found {matches.Count}.");
        return matches[0].Value;
    }

    /// <summary>Null when no sample matches; several fail the test.</summary>
    public double? ValueOrNull(string name, params (string Label, string Value)[] labels)
    {
        var matches = Find(name, labels).ToList();
        Assert.True(matches.Count <= 1, $"Expected at most one {name}{Describe(labels)}, found {matches.Count}.");
        return matches.Count == 0 ? null : matches[0].Value;
    }

    private static string Describe((string Label, string Value)[] labels) =>
        "{" + string.Join(",", labels.Select(l => $"{l.Label}=\"{l.Value}\"")) + "}";

    public static PrometheusScrape Parse(string text)
    {
        var samples = new List<MetricSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0) continue;
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                types[parts[2]] = parts[3];
            }
            else if (line[0] != '#')
            {
                samples.Add(ParseSample(line));
            }
        }
        return new PrometheusScrape(samples, types);
    }

    private static MetricSample ParseSample(string line)
    {
        var i = 0;
        while (i < line.Length && line[i] is not ('{' or ' ')) i++;
        var name = line[..i];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var equals = line.IndexOf('=', i);
                var label = line[i..equals];
                if (line[equals + 1] != '"') throw new FormatException($"Unquoted label value in: {line}");
                (labels[label], i) = ReadQuoted(line, equals + 2);
                if (line[i] == ',') i++;
            }
            i++;
        }
        var fields = line[i..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (name.Length == 0 || fields.Length is < 1 or > 2) throw new FormatException($"Not a sample line: {line}");
        return new MetricSample(name, labels, ParseNumber(fields[0]));
    }

    /// <returns>The unescaped value and the index just past its closing quote.</returns>
    private static (string Value, int Next) ReadQuoted(string line, int start)
    {
        var value = new StringBuilder();
        for (var i = start; i < line.Length; i++)
        {
            switch (line[i])
            {
                case '"':
                    return (value.ToString(), i + 1);
                case '\\':
                    i++;
                    value.Append(line[i] switch { 'n' => '\n', '\\' => '\\', '"' => '"',
                        var c => throw new FormatException($"Bad escape \\{c} in: {line}") });
                    break;
                default:
                    value.Append(line[i]);
                    break;
            }
        }
        throw new FormatException($"Unterminated label value in: {line}");
    }

    /// <summary>A sample value or a number-valued label such as a bucket's "le" ("+Inf" included).</summary>
    public static double ParseNumber(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}

public static class MetricsClient
{
    public static async Task<PrometheusScrape> ScrapeAsync(this HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/metrics answered {(int)response.StatusCode}: {body}");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return PrometheusScrape.Parse(body);
    }

    /// <summary>Scrapes until the condition holds; a timeout fails the test.</summary>
    public static async Task<PrometheusScrape> ScrapeUntilAsync(this HttpClient client, Func<PrometheusScrape, bool> condition,
        TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            var scrape = await client.ScrapeAsync();
            if (condition(scrape)) return scrape;
            await Task.Delay(100, deadline.Token);
        }
    }
}
