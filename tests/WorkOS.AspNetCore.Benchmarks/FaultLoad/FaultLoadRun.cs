using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace WorkOS.AspNetCore.Benchmarks.FaultLoad;

/// <summary>
/// The fault-load run: N browsers, each with its own session from a real sign-in, and bearer clients using their
/// sessions' access tokens, on a real Kestrel app, while the emulator fails refreshes in phases (see
/// <see cref="FaultPhases"/>); a page is up to three requests at once, as a page and its scripts send them. Prints
/// sessions lost (a browser answered anything but 200, or told to drop its cookie, while WorkOS still has its session
/// active), app 5xx, upstream refresh calls per needed refresh, latency, and memory; exits 1 when a session was lost
/// or the app answered 5xx.
/// </summary>
internal static class FaultLoadRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var settings = FaultLoadSettings.Parse(args);
        await using var app = await FaultLoadApp.StartAsync(settings);
        var emulator = app.Emulator;

        // Users arrive eight at a time and start browsing once signed in; the faults start when everyone is in.
        Console.WriteLine($"signing in {settings.Browsers} browsers and {settings.BearerClients} bearer clients...");
        var users = new[] { "alice@acme.com", "bob@acme.com", "carol@globex.com" };
        var total = settings.Browsers + settings.BearerClients;
        var stats = new Stats();
        using var stop = new CancellationTokenSource();
        using var signIns = new SemaphoreSlim(8);
        var allSignedIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var remaining = total;
        var load = Enumerable.Range(0, total).Select(async i =>
        {
            HttpClient client;
            await signIns.WaitAsync();
            try
            {
                client = await app.SignInAsync(users[i % users.Length]);
            }
            finally
            {
                signIns.Release();
            }

            if (Interlocked.Decrement(ref remaining) == 0)
            {
                allSignedIn.SetResult();
            }

            using (client)
            {
                await (i < settings.Browsers
                    ? BrowseAsync(app, client, i, settings, stats, stop.Token)
                    : BearerAsync(app, client, i, settings, stats, stop.Token));
            }
        }).ToList();
        await Task.WhenAny(allSignedIn.Task, Task.WhenAll(load));
        if (!allSignedIn.Task.IsCompleted)
        {
            await Task.WhenAll(load); // a sign-in failed: let it throw
        }

        var (managedBefore, workingSetBefore) = Memory();
        emulator.ClearRequests();
        var refreshesBefore = app.Refreshes;
        stop.CancelAfter(settings.Duration);
        var started = Stopwatch.GetTimestamp();
        var phases = FaultPhases.RunAsync(emulator, settings, stop.Token);
        var counting = CountRefreshesAsync(emulator, stats, stop.Token);
        await Task.WhenAll(load);
        var phaseCounts = await phases;
        await counting;
        emulator.ClearFaults();
        var elapsed = Stopwatch.GetElapsedTime(started);
        stats.CountRefreshes(emulator);
        var refreshes = app.Refreshes - refreshesBefore;

        var (managedAfter, workingSetAfter) = Memory();
        var latencies = stats.Latencies.ToArray();
        Array.Sort(latencies);
        var needed = settings.Browsers * 1.0 * elapsed.TotalSeconds / (settings.TokenLifetime - settings.RefreshBuffer).TotalSeconds;
        var lost = stats.LostSessions.Count;

        string Row(string metric, string value) => $"| {metric} | {value} |";
        var lines = new List<string>
        {
            "| metric | value |",
            "| --- | --- |",
            Row("browsers (own session each) / bearer clients", $"{settings.Browsers} / {settings.BearerClients}"),
            Row("duration", string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0} s; access tokens {settings.TokenLifetime.TotalSeconds:0} s, refreshed in their last {settings.RefreshBuffer.TotalSeconds:0} s")),
            Row("fault phases (each " + settings.FaultLength.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s, healthy time between)",
                string.Join("; ", phaseCounts.Select(p => $"{p.Key} x{p.Value}"))),
            Row("requests (browser pages + bearer calls)", string.Create(CultureInfo.InvariantCulture, $"{stats.Requests:N0} ({stats.Requests / elapsed.TotalSeconds:0}/s)")),
            Row("**sessions lost** (must be 0)", $"{lost} ({stats.Anonymous} answers not 200, {stats.SignedOut} cookies deleted, while the session was active at WorkOS)"),
            Row("**app 5xx** or failed connections (must be 0)", stats.ServerErrors.ToString(CultureInfo.InvariantCulture)),
            Row("upstream refresh calls / refreshes the app made", string.Create(CultureInfo.InvariantCulture,
                $"{stats.RefreshCalls:N0} / {refreshes:N0} = {(refreshes == 0 ? 0 : stats.RefreshCalls / (double)refreshes):0.00} calls per needed refresh (the token lifetime alone asks for about {needed:N0})")),
            Row("latency p50 / p99 (browser pages)", string.Create(CultureInfo.InvariantCulture, $"{Percentile(latencies, 0.50):0.0} ms / {Percentile(latencies, 0.99):0.0} ms")),
            Row("managed memory before / after (full GC)", $"{managedBefore / 1048576.0:0.0} MiB / {managedAfter / 1048576.0:0.0} MiB"),
            Row("working set before / after", $"{workingSetBefore / 1048576.0:0.0} MiB / {workingSetAfter / 1048576.0:0.0} MiB"),
        };
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }

        foreach (var error in app.Errors.Errors.Take(10))
        {
            Console.WriteLine("app error: " + error);
        }

        foreach (var sample in stats.Samples.Take(10))
        {
            Console.WriteLine("lost: " + sample);
        }

        foreach (var sid in stats.LostSessionIds.Keys.Take(3))
        {
            Console.WriteLine($"the app's log for {sid}:");
            var logged = app.Errors.LinesWith(sid).ToList();
            var firstAnonymous = Math.Max(0, logged.FindIndex(l => l.Contains("[1206]", StringComparison.Ordinal)));
            foreach (var line in logged.Skip(Math.Max(0, firstAnonymous - 12)).Take(15))
            {
                Console.WriteLine("  " + line);
            }
        }

        var ok = lost == 0 && stats.ServerErrors == 0;
        Console.WriteLine(ok ? "FAULT-LOAD OK" : "FAULT-LOAD FAILED: sessions were lost, or the app answered 5xx or dropped a connection");
        return ok ? 0 : 1;
    }

    /// <summary>A browser loading pages: each page is one to three requests at once (the page and its scripts' calls).</summary>
    private static async Task BrowseAsync(FaultLoadApp app, HttpClient client, int id, FaultLoadSettings settings, Stats stats, CancellationToken stop)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next((int)settings.ThinkTime.TotalMilliseconds)), CancellationToken.None);
        string? sid = null;
        while (!stop.IsCancellationRequested)
        {
            var page = await Task.WhenAll(Enumerable.Range(0, 1 + Random.Shared.Next(3)).Select(async _ =>
            {
                var started = Stopwatch.GetTimestamp();
                var answer = await GetAsync(client, "/hello", null);
                stats.Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return answer;
            }));
            foreach (var (status, body, deleted) in page)
            {
                sid = stats.Judge(app, id, "/hello", status, body, deleted, sid);
            }

            await Task.Delay(settings.ThinkTime, CancellationToken.None);
        }
    }

    private static async Task BearerAsync(FaultLoadApp app, HttpClient client, int id, FaultLoadSettings settings, Stats stats, CancellationToken stop)
    {
        string? sid = null;
        while (!stop.IsCancellationRequested)
        {
            var (status, token, deleted) = await GetAsync(client, "/token", null);
            sid = stats.Judge(app, id, "/token", status, null, deleted, sid);
            if (status == 200)
            {
                for (var i = 0; i < 4 && !stop.IsCancellationRequested; i++)
                {
                    var (apiStatus, body, _) = await GetAsync(client, "/api/hello", token);
                    sid = stats.Judge(app, id, "/api/hello", apiStatus, body, false, sid);
                    await Task.Delay(settings.ThinkTime, CancellationToken.None);
                }
            }
            else
            {
                await Task.Delay(settings.ThinkTime, CancellationToken.None);
            }
        }
    }

    private static async Task<(int Status, string Body, bool CookieDeleted)> GetAsync(HttpClient client, string path, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        try
        {
            using var response = await client.SendAsync(request);
            var deleted = response.Headers.TryGetValues("Set-Cookie", out var cookies)
                && cookies.Any(c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName + "=;", StringComparison.Ordinal));
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), deleted);
        }
        catch (HttpRequestException e)
        {
            return (-1, e.Message, false);
        }
    }

    /// <summary>Counts refresh calls from the emulator's log every second, emptying it so it does not grow.</summary>
    private static async Task CountRefreshesAsync(Emulator.WorkOSEmulator emulator, Stats stats, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
                stats.CountRefreshes(emulator);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static (long Managed, long WorkingSet) Memory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private sealed class Stats
    {
        private long _requests;
        private long _serverErrors;
        private long _anonymous;
        private long _signedOut;
        private readonly object _refreshLock = new();

        public ConcurrentBag<double> Latencies { get; } = [];

        public ConcurrentDictionary<int, bool> LostSessions { get; } = new();

        public ConcurrentQueue<string> Samples { get; } = new();

        public ConcurrentDictionary<string, bool> LostSessionIds { get; } = new(StringComparer.Ordinal);

        public long Requests => Interlocked.Read(ref _requests);

        public long ServerErrors => Interlocked.Read(ref _serverErrors);

        public long Anonymous => Interlocked.Read(ref _anonymous);

        public long SignedOut => Interlocked.Read(ref _signedOut);

        public long RefreshCalls { get; private set; }

        /// <summary>Counts one answer; a browser that was not answered as its signed-in self, while WorkOS still has its session, lost it.</summary>
        public string? Judge(FaultLoadApp app, int id, string path, int status, string? body, bool deleted, string? sid)
        {
            Interlocked.Increment(ref _requests);
            if (status >= 500 || status < 0)
            {
                Interlocked.Increment(ref _serverErrors);
                Sample($"browser {id} {path}: {status} {body}");
                return sid;
            }

            if (status == 200 && !deleted)
            {
                return body is { Length: > 0 } ? body : sid;
            }

            var active = sid is null || app.Emulator.Sessions.Any(s => s.Id == sid && s.IsActive);
            if (active)
            {
                Interlocked.Increment(ref deleted ? ref _signedOut : ref _anonymous);
                LostSessions.TryAdd(id, true);
                if (sid is not null)
                {
                    LostSessionIds.TryAdd(sid, true);
                }

                Sample($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} browser {id} ({sid}) {path}: {status}{(deleted ? ", cookie deleted" : "")}");
            }

            return sid;
        }

        public void CountRefreshes(Emulator.WorkOSEmulator emulator)
        {
            lock (_refreshLock)
            {
                var log = emulator.Requests;
                emulator.ClearRequests();
                var refreshes = log.Where(r => r.Method == "POST" && r.Path == "/user_management/authenticate"
                    && r.Body.TryGetValue("grant_type", out var grant) && grant == "refresh_token").ToList();
                RefreshCalls += refreshes.Count;
            }
        }

        private void Sample(string text)
        {
            if (Samples.Count < 20)
            {
                Samples.Enqueue(text);
            }
        }
    }
}
