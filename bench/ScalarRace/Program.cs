using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

// Reproduces TorchSharp's scalar race and measures what is left of it (see src/Gan/ScalarSafe/Adam.cs).
// A thread allocating without pause makes garbage collections, and so Scalar finalizers, run thousands of times
// a second beside the training thread; every step that fails is one where a kernel read a freed Scalar.
// (Whole training steps are too slow under this pressure, tens in 30 s, to show a rate either way.)
//   dotnet run -c Release --project bench/ScalarRace -- [seconds per row, default 30]
var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 30;
set_num_threads(1);

Console.WriteLine($"{seconds:0} s a row, one training thread beside one allocating thread");
Console.WriteLine($"{"row",-44} {"steps",8} {"failed",8} {"collections",12}");
Row("library Adam, 64 parameters of 8 values", () => Optimiser(p => optim.Adam(p, 1e-3, 0.0, 0.9)));
Row("ScalarSafe.Adam, the same", () => Optimiser(p => new WganService.Gan.ScalarSafe.Adam(p, 1e-3, 0.0, 0.9)));
Row("library RMSProp, the same", () => Optimiser(p => optim.RMSProp(p, 5e-5)));
Row("ScalarSafe.RMSProp, the same", () => Optimiser(p => new WganService.Gan.ScalarSafe.RMSProp(p, 5e-5)));
Row("library LeakyReLU, forward on 64 values", () => Module(nn.LeakyReLU(0.2)));
Row("ScalarSafe.LeakyReLU, the same", () => Module(new WganService.Gan.ScalarSafe.LeakyReLU(0.2)));

void Row(string name, Func<Action> setUp)
{
    var step = setUp();
    var stop = false;
    var allocator = new Thread(() =>
    {
        var keep = new object[64];
        for (var i = 0; !Volatile.Read(ref stop); i++) keep[i % 64] = new byte[1024];
    }) { IsBackground = true };
    var collectionsBefore = GC.CollectionCount(0);
    allocator.Start();
    long steps = 0, failures = 0;
    string? first = null;
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed.TotalSeconds < seconds)
    {
        try
        {
            step();
        }
        catch (ExternalException e)
        {
            failures++;
            first ??= e.Message.Split('\n')[0];
        }
        steps++;
    }
    Volatile.Write(ref stop, true);
    allocator.Join();
    Console.WriteLine($"{name,-44} {steps,8} {failures,8} {GC.CollectionCount(0) - collectionsBefore,12}");
    if (first is not null) Console.WriteLine($"    first failure: {first}");
}

static Action Optimiser(Func<IEnumerable<Parameter>, optim.Optimizer> create)
{
    var parameters = Enumerable.Range(0, 64).Select(_ => new Parameter(randn(8))).ToArray();
    var optimiser = create(parameters);
    return () =>
    {
        using var scope = NewDisposeScope();
        foreach (var p in parameters) p.grad = randn(8);
        optimiser.step();
    };
}

static Action Module(nn.Module<Tensor, Tensor> module)
{
    var input = randn(64);
    return () =>
    {
        using var scope = NewDisposeScope();
        for (var i = 0; i < 64; i++) module.forward(input);
    };
}
