using System.Diagnostics;
using System.Text;
using WorkOS.AspNetCore.Testing.Redis;

namespace WorkOS.AspNetCore.ScaleOut.Tests.Infrastructure;

/// <summary>
/// A process the tests start (redis-server, the emulator, an app instance), with its output lines kept for waiting and
/// for failure messages. It runs under a small bash guard that kills it when the test process goes away, even by a
/// crash (the guard's standard input, a pipe from this process, closes), and <see cref="Kill"/> ends the whole tree.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<Waiter> _waiters = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    /// <summary>A name for messages: "redis", "emulator", "app-b".</summary>
    public string Name { get; }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>How many lines the process has written so far (stdout and stderr), to wait for a line after this point.</summary>
    public int LineCount
    {
        get
        {
            lock (_gate)
            {
                return _lines.Count;
            }
        }
    }

    /// <summary>Starts <paramref name="program"/> with <paramref name="arguments"/> and extra environment variables.</summary>
    public static ChildProcess Start(string name, string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("/bin/bash")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(ProcessGuard.Script);
        start.ArgumentList.Add(name); // $0
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.Exited += (_, _) => child.OnExited();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// Waits for a line matching <paramref name="match"/> written from line <paramref name="from"/> on, for at most
    /// <paramref name="timeout"/>; fails with the process's recent output when it does not come or the process ends.
    /// </summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, int from = 0)
    {
        Waiter waiter;
        lock (_gate)
        {
            for (var i = from; i < _lines.Count; i++)
            {
                if (match(_lines[i]))
                {
                    return _lines[i];
                }
            }

            waiter = new Waiter(match, new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
            _waiters.Add(waiter);
        }

        var done = await Task.WhenAny(waiter.Line.Task, _exited.Task, Task.Delay(timeout)).ConfigureAwait(false);
        lock (_gate)
        {
            _waiters.Remove(waiter);
        }

        if (done == waiter.Line.Task)
        {
            return await waiter.Line.Task.ConfigureAwait(false);
        }

        throw new InvalidOperationException(done == _exited.Task
            ? $"{Name} ended before writing the expected line.\n{RecentOutput()}"
            : $"{Name} did not write the expected line within {timeout.TotalSeconds:0} s.\n{RecentOutput()}");
    }

    /// <summary>The last lines the process wrote, for a failure message.</summary>
    public string RecentOutput(int count = 40)
    {
        lock (_gate)
        {
            return $"--- last output of {Name} ---\n" + string.Join('\n', _lines.Skip(Math.Max(0, _lines.Count - count)));
        }
    }

    /// <summary>Kills the process and everything it started (SIGKILL, as a crash), and waits a bounded time for it to end.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already ended.
        }

        _process.WaitForExit(TimeSpan.FromSeconds(10));
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        List<Waiter> matched;
        lock (_gate)
        {
            _lines.Add(line);
            matched = _waiters.FindAll(w => w.Match(line));
            _waiters.RemoveAll(matched.Contains);
        }

        foreach (var waiter in matched)
        {
            waiter.Line.TrySetResult(line);
        }
    }

    private void OnExited() => _exited.TrySetResult();

    private sealed record Waiter(Func<string, bool> Match, TaskCompletionSource<string> Line);
}
