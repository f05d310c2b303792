namespace WorkOS.AspNetCore.Benchmarks.LoadComparison;

/// <summary>
/// The refresh storm: a session due for refresh receives N concurrent requests carrying the same cookie. Prints the
/// refresh grants the emulator received and the status codes, as <c>STORM requests=N refreshes=R status=200:N,...</c>.
/// Goal: one refresh and every request answered 200.
/// </summary>
internal static class RefreshStorm
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1000;
        await using var app = await AuthKitLoopbackApp.StartAsync();
        var cookie = await app.SignInAsync("alice@acme.com");

        // The emulator's access tokens live 5 minutes; 4 m 45 s later the session is due for refresh.
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));
        var before = app.Emulator.CountRefreshes();

        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = count }) { BaseAddress = app.BaseUrl };
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<string> SendAsync()
        {
            await go.Task;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/hello");
                request.Headers.TryAddWithoutValidation("Cookie", cookie);
                using var response = await client.SendAsync(request);
                return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (HttpRequestException e)
            {
                return "error:" + e.HttpRequestError;
            }
        }

        var requests = Enumerable.Range(0, count).Select(_ => SendAsync()).ToArray();
        go.SetResult();
        var statuses = await Task.WhenAll(requests);

        var refreshes = app.Emulator.CountRefreshes() - before;
        var byStatus = string.Join(',', statuses.GroupBy(s => s).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}:{g.Count()}"));
        Console.WriteLine($"STORM requests={count} refreshes={refreshes} status={byStatus}");
        return refreshes == 1 && statuses.All(s => s == "200") ? 0 : 3;
    }
}
