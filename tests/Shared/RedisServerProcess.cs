using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace WorkOS.AspNetCore.Testing.Redis;

/// <summary>
/// A real <c>redis-server</c> for tests, on a free 127.0.0.1 port with its data in a temporary folder. Persistence is
/// off unless asked for (<c>persistent: true</c> keeps an append-only file, so data survives <see cref="RestartAsync"/>,
/// as a production Redis holding a key ring would). <see cref="StopAsync"/> and <see cref="StartAsync"/> take it away
/// and bring it back on the same port, for outage tests. Disposing stops it and deletes its folder. The server runs
/// under a small bash guard that kills it when the test process goes away, even by a crash (the guard's standard input,
/// a pipe from the test process, closes), so a failed or killed test run leaves no redis-server behind.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly bool _persistent;
    private Process? _process;

    private RedisServerProcess(int port, string directory, bool persistent)
    {
        Port = port;
        Directory = directory;
        _persistent = persistent;
    }

    /// <summary>The loopback port it listens on (the same after a restart).</summary>
    public int Port { get; }

    /// <summary>Its working folder (data files, when persistent).</summary>
    public string Directory { get; }

    /// <summary>A StackExchange.Redis configuration string for it.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Whether the server process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server on a free port. <c>REDIS_SERVER</c> names another executable than <c>redis-server</c>.</summary>
    public static async Task<RedisServerProcess> StartNewAsync(bool persistent = false)
    {
        var directory = Path.Combine(Path.GetTempPath(), "redis-test-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var server = new RedisServerProcess(FreePort(), directory, persistent);
        await server.StartAsync();
        return server;
    }

    /// <summary>Starts the server (again) on its port.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var start = new ProcessStartInfo("/bin/bash")
        {
            WorkingDirectory = Directory,
            RedirectStandardInput = true, // the guard's lifeline: it closes when the test process ends
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "-c", ProcessGuard.Script, "redis", Environment.GetEnvironmentVariable("REDIS_SERVER") is { Length: > 0 } path ? path : "redis-server",
                     "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", Directory,
                     "--save", "", "--appendonly", _persistent ? "yes" : "no", "--appendfsync", "always", "--protected-mode", "yes", "--daemonize", "no",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilAnsweringAsync(process);
    }

    /// <summary>Stops the server (SIGKILL: no goodbye to clients, as a crash or a network cut).</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    /// <summary>Stops and starts the server on the same port; with persistence its data survives.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // left for the system's temp cleanup
        }
    }

    /// <summary>Waits (on the real clock: the server is a real process) until the port answers a PING with PONG.</summary>
    private async Task WaitUntilAnsweringAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {process.ExitCode} before answering on port {Port}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException)
            {
                // not listening yet
            }
            catch (IOException)
            {
                // closed while loading
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
