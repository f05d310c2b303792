using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace WorkOS.AspNetCore.Templates.Tests;

/// <summary>
/// A generated app running as its developer runs it (<c>dotnet &lt;app&gt;.dll</c> from its project folder, in
/// Development, with no WorkOS credentials, so it starts the local AuthKit emulator), on a free loopback port. Disposing
/// it kills the app with its child processes, whatever the test's outcome.
/// </summary>
internal sealed partial class RunningApp : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);
    private readonly Process _process;
    private readonly StringBuilder _output;

    private RunningApp(Process process, StringBuilder output, Uri url, Uri emulatorUrl)
    {
        _process = process;
        _output = output;
        Url = url;
        EmulatorUrl = emulatorUrl;
    }

    /// <summary>Where the app listens.</summary>
    public Uri Url { get; }

    /// <summary>Where the local emulator the app started listens, as the app printed it.</summary>
    public Uri EmulatorUrl { get; }

    /// <summary>Everything the app wrote so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the built app and waits until it says where it listens; throws with its output when it does not.</summary>
    public static async Task<RunningApp> StartAsync(DotnetCli cli, string projectFolder, string assemblyName)
    {
        var dll = Path.Combine(projectFolder, "bin", "Debug", "net10.0", assemblyName + ".dll");
        Assert.True(File.Exists(dll), $"The app was not built: no {dll}.");
        var start = cli.StartInfo(projectFolder, dll, "--urls", "http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var name in start.Environment.Keys.Where(IsWorkOSSetting).ToList())
        {
            start.Environment.Remove(name);
        }

        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups["url"].Value));
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The app exited with code {process.ExitCode}."));
        process.Start();
        try
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var app = await listening.Task.WaitAsync(StartTimeout, TimeProvider.System);
            var emulator = EmulatorLine().Match(Snapshot(output));
            if (!emulator.Success)
            {
                throw new InvalidOperationException("it did not say which local emulator it signs in against");
            }

            return new RunningApp(process, output, app, new Uri(emulator.Groups["url"].Value));
        }
        catch (Exception e)
        {
            await StopAsync(process);
            throw new InvalidOperationException($"The app did not start ({e.Message}):{Environment.NewLine}{Snapshot(output)}", e);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(_process);

    private static async Task StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
        finally
        {
            process.Dispose();
        }
    }

    private static bool IsWorkOSSetting(string name) =>
        name.StartsWith("WORKOS", StringComparison.OrdinalIgnoreCase);

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"local AuthKit emulator at (?<url>http://[^\s/]+)")]
    private static partial Regex EmulatorLine();
}
