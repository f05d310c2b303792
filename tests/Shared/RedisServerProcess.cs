using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WorkOS.AspNetCore.Tests.Shared;

/// <summary>
/// A real <c>redis-server</c> (Debian's, on PATH) for a test: on a free 127.0.0.1 port, its data in a temporary
/// directory that is deleted at the end. Persistence is off unless asked for; with it on (append-only file, synced on
/// every write, as a production Redis that holds a key ring) the data survives <see cref="RestartAsync"/>. The server
/// runs under a bash guard that kills it when the test process goes away, even by a crash, and every stop kills the
/// whole process tree.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private const string Guard = """
        exec 3<&0
        "$@" </dev/null & child=$!
        { read -r _ <&3; kill -KILL "$child" 2>/dev/null; } &
        watcher=$!
        wait "$child"; status=$?
        kill -KILL "$watcher" 2>/dev/null
        exit "$status"
        """;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly string _directory;
    private readonly bool _persistent;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private RedisServerProcess(int port, string directory, bool persistent)
    {
        Port = port;
        _directory = directory;
        _persistent = persistent;
    }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>The StackExchange.Redis configuration string: <c>127.0.0.1:{port}</c>.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Whether the server is running (between a start and a stop).</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server; <paramref name="persistent"/> turns on the append-only file.</summary>
    public static async Task<RedisServerProcess> StartAsync(bool persistent = false)
    {
        var directory = Directory.CreateTempSubdirectory("workos-redis-").FullName;
        var server = new RedisServerProcess(0, directory, persistent);
        try
        {
            // A port found free may be taken before redis-server binds it: try a few.
            for (var attempt = 1; ; attempt++)
            {
                server.Port = FreePort();
                if (await server.TryStartAsync().ConfigureAwait(false))
                {
                    return server;
                }

                if (attempt == 3)
                {
                    throw new InvalidOperationException($"redis-server did not start (the tests need Debian's redis-server on PATH).\n{server.Output()}");
                }
            }
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Kills the server (SIGKILL, as a crash or a lost machine) and waits for it to end.</summary>
    public Task StopAsync()
    {
        if (_process is { } process)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already ended.
            }

            process.WaitForExit(TimeSpan.FromSeconds(10));
            process.Dispose();
            _process = null;
        }

        return Task.CompletedTask;
    }

    /// <summary>Starts the server again on the same port and data directory, after <see cref="StopAsync"/>.</summary>
    public async Task StartAgainAsync()
    {
        if (!await TryStartAsync().ConfigureAwait(false))
        {
            throw new InvalidOperationException($"redis-server did not start again on port {Port}.\n{Output()}");
        }
    }

    /// <summary>Kills the server and starts it again on the same port and data directory.</summary>
    public async Task RestartAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await StartAgainAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temporary directory is the system's to clean.
        }
    }

    private async Task<bool> TryStartAsync()
    {
        var start = new ProcessStartInfo("/bin/bash")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] arguments =
        [
            "-c", Guard, "redis", "redis-server",
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--dir", _directory,
            "--save", "",
            "--appendonly", _persistent ? "yes" : "no",
            "--appendfsync", "always",
            "--daemonize", "no",
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }

            if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult(true);
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => ready.TrySetResult(false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var started = await Task.WhenAny(ready.Task, Task.Delay(StartTimeout)).ConfigureAwait(false) == ready.Task && await ready.Task.ConfigureAwait(false);
        if (!started)
        {
            await StopAsync().ConfigureAwait(false);
        }

        return started;
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
