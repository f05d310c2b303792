namespace WorkOS.AspNetCore.ScaleOut.Tests.Infrastructure;

/// <summary>One instance of the scale-out app: its own process on real Kestrel, on a port it chose.</summary>
internal sealed class AppInstance : IDisposable
{
    private const string ReadyLine = " listening on ";

    private AppInstance(string name, ChildProcess process, Uri baseUrl)
    {
        Name = name;
        Process = process;
        BaseUrl = baseUrl;
    }

    /// <summary>The instance name the app echoes on <c>/me</c>.</summary>
    public string Name { get; }

    /// <summary>Where it listens: <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The process, for its output.</summary>
    public ChildProcess Process { get; }

    /// <summary>Whether the process is still running.</summary>
    public bool IsAlive => !Process.HasExited;

    /// <summary>Starts an instance against the shared WorkOS emulator and Redis, and waits until it takes requests.</summary>
    public static async Task<AppInstance> StartAsync(string name, EmulatorProcess emulator, string redis)
    {
        var process = ChildProcess.Start("app-" + name, "dotnet", [ScaleOutPaths.App], new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development", // cookies SameAsRequest: the instances are plain http on loopback
            ["Urls"] = "http://127.0.0.1:0",
            ["WorkOS__ClientId"] = EmulatorProcess.ClientId,
            ["WorkOS__ApiKey"] = EmulatorProcess.ApiKey,
            ["WorkOS__ApiBaseUrl"] = emulator.BaseUrl.GetLeftPart(UriPartial.Authority),
            ["WorkOS__RefreshBuffer"] = ScaleOutCluster.RefreshBuffer.ToString(),
            ["ScaleOut__Redis"] = redis,
            ["ScaleOut__InstanceName"] = name,
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        });
        try
        {
            var line = await process.WaitForLineAsync(l => l.StartsWith("ScaleOut app ", StringComparison.Ordinal) && l.Contains(ReadyLine, StringComparison.Ordinal),
                ScaleOutCluster.StartTimeout);
            var url = line[(line.IndexOf(ReadyLine, StringComparison.Ordinal) + ReadyLine.Length)..].Trim();
            return new AppInstance(name, process, new Uri(url.EndsWith('/') ? url : url + "/"));
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>Kills the instance as a crash would (SIGKILL): no shutdown, claims it holds are left behind.</summary>
    public void Kill() => Process.Kill();

    public void Dispose() => Process.Dispose();

    public override string ToString() => $"{Name} ({BaseUrl})";
}
