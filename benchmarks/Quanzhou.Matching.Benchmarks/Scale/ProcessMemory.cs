namespace Quanzhou.Matching.Benchmarks.Scale;

/// <summary>Resident memory of this process from <c>/proc/self/status</c> (Linux).</summary>
internal static class ProcessMemory
{
    /// <summary>Peak resident set size (VmHWM) in bytes, or the working set where /proc is missing.</summary>
    public static long PeakRssBytes() => Read("VmHWM:") ?? Environment.WorkingSet;

    /// <summary>Current resident set size (VmRSS) in bytes.</summary>
    public static long RssBytes() => Read("VmRSS:") ?? Environment.WorkingSet;

    /// <summary>
    /// The current resident set by kind (Linux): anonymous memory (managed heap, JIT code, native allocations) and
    /// file pages (the mapped index files and assemblies); nulls where /proc is missing.
    /// </summary>
    public static (long? Anonymous, long? File) RssParts() => (Read("RssAnon:"), Read("RssFile:"));

    /// <summary>
    /// Starts a new peak measurement: collects garbage, then resets VmHWM to the current RSS (writing 5 to
    /// <c>/proc/self/clear_refs</c>, Linux ≥ 4.0). Returns false where that is not possible.
    /// </summary>
    public static bool ResetPeak()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long? Read(string key)
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return null;
        }

        foreach (var line in File.ReadLines(status))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                var parts = line[key.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        return null;
    }
}
