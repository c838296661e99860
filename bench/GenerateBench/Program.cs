using System.Globalization;
using WganService.Bench.Generate;

// /generate against the bare forward pass of the same generator and batch, measured in one run.
// Usage: dotnet run -c Release --project bench/GenerateBench -- <api-base-url> <api-pid> [report.md]
// (bench/generate/run.sh starts the Api, runs this and stops it.)
var baseUrl = new Uri(args.Length > 0 ? args[0] : "http://localhost:5087");
var apiPid = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 0;
var reportPath = args.Length > 2 ? args[2] : null;
TorchSharp.torch.set_num_threads(1); // As the Api's embedded mode runs it on 2 cores (bench/generate/run.sh).

using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
var generators = await BenchGenerators.TrainAsync(http);
var rows = new List<BenchRow>();
var rssBefore = ProcessMemory.RssMegabytes(apiPid);
foreach (var generator in generators)
{
    using var bare = await BareGenerator.LoadAsync(http, generator);
    foreach (var count in new[] { 1, 64 })
        foreach (var concurrency in new[] { 1, 8, 32 })
        {
            var served = await HttpLoad.RunAsync(http, generator.JobId, count, concurrency);
            var bareAlone = bare.Time(count);
            var bareBatched = bare.Time(count * concurrency);
            rows.Add(new BenchRow(generator.Name, count, concurrency, served, bareAlone, bareBatched));
            Console.WriteLine(rows[^1].Line());
        }
}
var rssAfter = ProcessMemory.RssMegabytes(apiPid);

// Sustained load: memory must settle, not climb (every forward pass runs in a dispose scope).
var sustained = new List<double>();
for (var round = 0; round < 15; round++)
{
    await HttpLoad.RunAsync(http, generators[1].JobId, count: 64, concurrency: 8);
    sustained.Add(ProcessMemory.RssMegabytes(apiPid));
    Console.WriteLine($"sustained round {round + 1}: Api RSS {sustained[^1]:F0} MB");
}
var report = BenchRow.Markdown(rows, rssBefore, rssAfter) + BenchRow.MemoryLine(sustained);
Console.WriteLine(report);
if (reportPath is not null) await File.WriteAllTextAsync(reportPath, report);
