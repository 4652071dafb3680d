using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Quanzhou.Matching.EndToEnd;

/// <summary>
/// The built WebPortal sample running as a child process on 127.0.0.1 and a free port, shared by the tests of the
/// "WebPortal" collection. Start-up time is measured from process start to the first successful GET /health.
/// </summary>
public sealed class WebPortalFixture : IAsyncLifetime
{
    private readonly StringBuilder _log = new();
    private Process? _process;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public TimeSpan StartupTime { get; private set; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        var dll = RepositoryPaths.WebPortalDll;
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The WebPortal sample is not built: {dll}");
        }

        BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        var clock = Stopwatch.StartNew();
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var deadline = TimeSpan.FromSeconds(90);
        while (clock.Elapsed < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"WebPortal exited with {_process.ExitCode} during start-up:\n{Log}");
            }

            try
            {
                using var response = await Client.GetAsync(new Uri("health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    StartupTime = clock.Elapsed;
                    await File.WriteAllTextAsync(Path.Combine(RepositoryPaths.Artifacts, "webportal-startup.txt"),
                        $"WebPortal start-up (process start → first successful GET /health): {StartupTime.TotalSeconds:0.00} s\n");
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"WebPortal did not become healthy within {deadline.TotalSeconds} s:\n{Log}");
    }

    public Task DisposeAsync()
    {
        Client?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class WebPortalCollection : ICollectionFixture<WebPortalFixture>
{
    public const string Name = "WebPortal";
}
