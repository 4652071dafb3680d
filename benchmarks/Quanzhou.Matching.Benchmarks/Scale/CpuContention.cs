using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Quanzhou.Matching.Benchmarks.Scale;

/// <summary>
/// How much CPU other processes used while a phase ran (machine busy time from <c>/proc/stat</c> minus this process's
/// and its child's CPU time): on a shared 2-core machine this says how much a figure was disturbed.
/// </summary>
internal sealed class CpuContention
{
    private readonly double _busyStart = BusySeconds();
    private readonly double _ownStart = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    private readonly Stopwatch _wall = Stopwatch.StartNew();

    public JsonObject Stop(double childCpuSeconds = 0)
    {
        var busy = BusySeconds() - _busyStart;
        var own = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - _ownStart + childCpuSeconds;
        return new JsonObject
        {
            ["wall_seconds"] = Math.Round(_wall.Elapsed.TotalSeconds, 1),
            ["own_cpu_seconds"] = Math.Round(own, 1),
            ["other_processes_cpu_seconds"] = Math.Round(Math.Max(0, busy - own), 1),
            ["other_processes_cores_average"] = Math.Round(Math.Max(0, busy - own) / Math.Max(1e-9, _wall.Elapsed.TotalSeconds), 2),
        };
    }

    /// <summary>Busy CPU seconds of the whole machine since boot (all but idle and iowait), or 0 without /proc.</summary>
    private static double BusySeconds()
    {
        if (!File.Exists("/proc/stat"))
        {
            return 0;
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum();
        return (total - fields[3] - fields[4]) / 100.0; // USER_HZ = 100 on Linux
    }
}
