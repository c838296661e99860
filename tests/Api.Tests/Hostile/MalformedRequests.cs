using System.Text;
using System.Text.Json.Nodes;

namespace WganService.Api.Tests.Hostile;

/// <summary>
/// Generates malformed requests for every route of the service from one seeded <see cref="Random"/>,
/// so a failure reproduces from the seed alone. Each starts from a valid request for its route and
/// breaks something: the body, its content type, the query, the route id or a header.
/// </summary>
internal sealed class MalformedRequests(FuzzTargets targets, Random random)
{
    private static readonly string[] Methods = ["PUT", "PATCH", "DELETE", "POST", "GET", "OPTIONS", "TRACE"];

    /// <summary>A request and the route family it aims at (the histogram's row).</summary>
    public (string Route, HttpRequestMessage Request) Next() => random.Next(22) switch
    {
        0 or 1 or 2 => ("POST /jobs", Json(HttpMethod.Post, "/jobs", ValidJob(), IdempotencyKey)),
        3 => ("GET /jobs", Get($"/jobs?{Query("status", "limit", "cursor")}")),
        4 => ("GET /jobs/{id}", Get($"/jobs/{JobId()}")),
        5 => ("POST /jobs/{id}/cancel", Json(HttpMethod.Post, $"/jobs/{JobId()}/cancel", null)),
        6 => ("GET /jobs/{id}/metrics", Get($"/jobs/{JobId()}/metrics?{Query("afterStep", "limit")}")),
        7 => ("GET /jobs/{id}/evaluations", Get($"/jobs/{JobId()}/evaluations?{Query("step")}")),
        8 => ("GET /jobs/{id}/samples.png", Get($"/jobs/{JobId()}/samples.png?{Query("step")}")),
        9 => ("GET /jobs/{id}/events", Events()),
        10 => ("GET /jobs/{id}/generator", Get($"/jobs/{JobId()}/generator?{Query("format", "checkpoint")}")),
        11 => ("GET /jobs/{id}/tensorboard", Get($"/jobs/{JobId()}/tensorboard?{Query("x")}")),
        12 or 13 => ("POST /generate", Json(HttpMethod.Post, "/generate", ValidGenerate())),
        14 => ("POST /models", Json(HttpMethod.Post, "/models", new JsonObject
        {
            ["name"] = "fuzz", ["jobId"] = targets.JobId, ["checkpoint"] = "best", ["description"] = "d",
        })),
        15 => ("GET|DELETE /models/*", Models()),
        16 or 17 => ("POST /datasets", Upload()),
        18 => ("GET|DELETE /datasets/*", Datasets()),
        19 => ("/auth/session", Session()),
        _ => ("other methods and paths", Stray()),
    };

    private JsonObject ValidJob() => new()
    {
        ["name"] = "fuzz", ["dataset"] = random.Next(3) == 0 ? targets.DatasetId.ToString() : "8gaussians",
        ["variant"] = random.Next(2) == 0 ? "wgan" : "wgan-gp", ["architecture"] = "mlp", ["device"] = "cpu",
        ["hyperparameters"] = new JsonObject
        {
            // A huge step count keeps any job the fuzzer gets accepted harmless: it is cancelled at the end.
            ["generatorSteps"] = 1_000_000, ["batchSize"] = 32, ["criticSteps"] = 5, ["latentDim"] = 2, ["learningRate"] = 1e-4,
            ["seed"] = 1, ["metricsEvery"] = 10, ["evaluateEvery"] = 1000, ["checkpointEvery"] = 1000,
        },
    };

    private JsonObject ValidGenerate()
    {
        var body = new JsonObject { ["count"] = 4, ["seed"] = 7, ["format"] = random.Next(2) == 0 ? "json" : "npy" };
        if (random.Next(4) == 0) body["model"] = targets.ModelName;
        else body["jobId"] = targets.JobId;
        switch (random.Next(3))
        {
            case 0:
                body.Remove("count");
                body.Remove("seed");
                body["latents"] = new JsonArray(new JsonArray(0.1, 0.2), new JsonArray(0.3, 0.4));
                break;
            case 1:
                body.Remove("count");
                body.Remove("seed");
                body["interpolate"] = new JsonObject { ["from"] = 1, ["to"] = 2, ["steps"] = 4 };
                break;
        }
        return body;
    }

    private HttpRequestMessage Json(HttpMethod method, string path, JsonObject? valid, Action<HttpRequestMessage>? decorate = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (valid is not null || random.Next(4) == 0)
        {
            var body = valid is null ? Encoding.UTF8.GetBytes(HostileValues.JsonToken(random)) : JsonMutator.Mutate(valid, random);
            request.Content = new ByteArrayContent(random.Next(15) == 0 ? [] : body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", random.Next(20) switch
            {
                0 => "text/plain",
                1 => "application/json; charset=utf-16",
                2 => "multipart/form-data; boundary=x",
                3 => "application/x-www-form-urlencoded",
                4 => "application/json; charset=\u00ff",
                _ => "application/json",
            });
        }
        decorate?.Invoke(request);
        return request;
    }

    private void IdempotencyKey(HttpRequestMessage request)
    {
        if (random.Next(3) == 0) request.Headers.TryAddWithoutValidation("Idempotency-Key", HostileValues.Text(random));
    }

    private static HttpRequestMessage Get(string pathAndQuery) => new(HttpMethod.Get, pathAndQuery);

    private HttpRequestMessage Events()
    {
        var request = Get($"/jobs/{JobId()}/events?{Query("lastEventId")}");
        if (random.Next(2) == 0) request.Headers.TryAddWithoutValidation("Last-Event-ID", HostileValues.Text(random));
        return request;
    }

    private HttpRequestMessage Models() => random.Next(3) switch
    {
        0 => Get($"/models/{Segment(targets.ModelName)}"),
        1 => Get($"/models/{Segment(targets.ModelName)}/versions/{Segment("1")}"),
        _ => new HttpRequestMessage(HttpMethod.Delete, $"/models/{Segment("nobody")}/versions/{Segment("1")}"),
    };

    private HttpRequestMessage Datasets() => random.Next(3) switch
    {
        0 => Get($"/datasets?{Query("x")}"),
        1 => Get($"/datasets/{Segment(targets.DatasetId.ToString())}"),
        _ => new HttpRequestMessage(HttpMethod.Delete, $"/datasets/{Segment(Guid.NewGuid().ToString())}"),
    };

    private HttpRequestMessage Session() => random.Next(3) switch
    {
        0 => Json(HttpMethod.Post, "/auth/session", new JsonObject { ["apiKey"] = "not-a-key" }),
        1 => Get($"/auth/session?{Query("x")}"),
        _ => new HttpRequestMessage(HttpMethod.Delete, "/auth/session"),
    };

    private HttpRequestMessage Stray()
    {
        string[] paths = ["/jobs", $"/jobs/{targets.JobId}", "/generate", "/datasets", "/models", "/health/ready", "/metrics",
            $"/jobs/{targets.JobId}/cancel"];
        var request = new HttpRequestMessage(new HttpMethod(Methods[random.Next(Methods.Length)]),
            paths[random.Next(paths.Length)] + "/" + Segment("x"));
        if (random.Next(2) == 0) request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(HostileValues.JsonToken(random)));
        return request;
    }

    private HttpRequestMessage Upload()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/datasets");
        var file = HostileFiles.Next(random);
        var boundary = random.Next(8) == 0 ? new string('b', random.Next(71, 300)) : "fuzz-boundary";
        var name = random.Next(4) == 0 ? HostileValues.Text(random) : "fuzz";
        var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        var parts = random.Next(10) switch { 0 => 0, 1 => 2000, _ => 1 }; // none, far too many, or one
        for (var i = 0; i < parts; i++)
        {
            var field = random.Next(12) == 0 ? "other" : "file";
            Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"f{i}.bin\"\r\n" +
                "Content-Type: application/octet-stream\r\n\r\n");
            body.Write(i == 0 ? file : [1]);
            Write("\r\n");
        }
        Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n{name}\r\n--{boundary}--\r\n");
        var bytes = body.ToArray();
        if (random.Next(8) == 0) bytes = bytes[..random.Next(bytes.Length)]; // the connection dropped mid-upload
        request.Content = new ByteArrayContent(bytes);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", random.Next(10) switch
        {
            0 => "multipart/form-data",
            1 => "multipart/form-data; boundary=other",
            2 => "application/octet-stream",
            3 => "application/x-www-form-urlencoded",
            _ => $"multipart/form-data; boundary={boundary}",
        });
        return request;
    }

    /// <summary>Each name with a hostile value, left out, or repeated.</summary>
    private string Query(params string[] names)
    {
        var pairs = new List<string>();
        foreach (var name in names)
        {
            switch (random.Next(4))
            {
                case 0: break;
                case 1:
                    pairs.Add($"{name}={Uri.EscapeDataString(HostileValues.Text(random))}");
                    pairs.Add($"{name}={Uri.EscapeDataString(HostileValues.Text(random))}");
                    break;
                default:
                    pairs.Add($"{name}={Uri.EscapeDataString(HostileValues.Text(random))}");
                    break;
            }
        }
        if (random.Next(6) == 0) pairs.Add(random.Next(2) == 0 ? "%zz=%" : "=&&=");
        return string.Join('&', pairs);
    }

    private string JobId() => Segment(targets.JobId.ToString());

    /// <summary>The valid value half the time; otherwise something a route constraint or lookup must refuse.</summary>
    private string Segment(string valid) => random.Next(6) switch
    {
        0 or 1 or 2 => valid,
        // Not a NUL: TestServer throws on it client-side before the app sees the request.
        3 => Uri.EscapeDataString(HostileValues.Text(random).Replace('\0', '0')),
        4 => "%2e%2e%2f" + valid,
        _ => $"{{{valid}}}",
    };
}
