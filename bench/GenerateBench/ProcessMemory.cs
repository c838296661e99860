using System.Globalization;

namespace WganService.Bench.Generate;

public static class ProcessMemory
{
    /// <summary>Resident memory of a process from /proc (Linux), or NaN when unknown.</summary>
    public static double RssMegabytes(int pid)
    {
        var path = $"/proc/{pid}/status";
        if (pid <= 0 || !File.Exists(path)) return double.NaN;
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null
            ? double.NaN
            : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
