using System.Diagnostics;
using System.Text;

namespace WorkOS.AspNetCore.Templates.Tests;

/// <summary>The outcome of one <c>dotnet</c> command: its exit code and everything it wrote.</summary>
internal sealed record DotnetResult(string Command, int ExitCode, string Output)
{
    public override string ToString() => $"dotnet {Command} exited with {ExitCode}:{Environment.NewLine}{Output}";
}

/// <summary>
/// Runs the <c>dotnet</c> CLI in a folder with an environment of its own, each command bounded by a timeout after which
/// it is killed with its child processes. MSBuild and compiler servers are turned off so no process outlives its command.
/// </summary>
internal sealed class DotnetCli(IReadOnlyDictionary<string, string> environment)
{
    public async Task<DotnetResult> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = StartInfo(workingDirectory, arguments);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(timeout, TimeProvider.System);
        var command = string.Join(' ', arguments);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new DotnetResult(command, -1, $"Timed out after {timeout}.{Environment.NewLine}{Snapshot(output)}");
        }

        return new DotnetResult(command, process.ExitCode, Snapshot(output));
    }

    /// <summary>
    /// The start of a <c>dotnet</c> command in this CLI's environment, with its output redirected; for a process the
    /// caller runs and stops itself (an app the test talks to).
    /// </summary>
    public ProcessStartInfo StartInfo(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs under MSBuild's and the test platform's variables; the commands get a clean slate.
        foreach (var name in start.Environment.Keys.Where(IsInherited).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static bool IsInherited(string name) =>
        name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase)
        || name.Equals("DOTNET_CLI_HOME", StringComparison.OrdinalIgnoreCase)
        || name.Equals("NUGET_PACKAGES", StringComparison.OrdinalIgnoreCase);

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
