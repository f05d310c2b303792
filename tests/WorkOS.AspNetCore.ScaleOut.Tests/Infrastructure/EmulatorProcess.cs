using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WorkOS.AspNetCore.ScaleOut.Tests.Infrastructure;

/// <summary>
/// The standalone WorkOS emulator (<c>workos-emulator</c>) as its own process, the one WorkOS every instance talks
/// to, driven through its loopback control API (<c>/_emulator/...</c>): faults, token lifetime, the request log.
/// </summary>
internal sealed class EmulatorProcess : IDisposable
{
    public const string ClientId = "client_emulator";
    public const string ApiKey = "sk_test_emulator";
    private const string AuthenticatePath = "/user_management/authenticate";

    private readonly ChildProcess _process;
    private readonly HttpClient _control;

    private EmulatorProcess(ChildProcess process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        _control = new HttpClient { BaseAddress = baseUrl, Timeout = ScaleOutCluster.RequestTimeout };
    }

    /// <summary>The emulator's base URL, the instances' <c>WorkOS:ApiBaseUrl</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Starts the emulator built next to the tests on a free port, issuing access tokens that live <paramref name="tokenLifetime"/>.</summary>
    public static async Task<EmulatorProcess> StartAsync(TimeSpan tokenLifetime)
    {
        var process = ChildProcess.Start("emulator", "dotnet",
        [
            ScaleOutPaths.EmulatorTool, "--port", "0", "--client-id", ClientId, "--api-key", ApiKey,
            "--token-lifetime", ((int)tokenLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture),
        ]);
        try
        {
            const string banner = "WorkOS emulator listening on ";
            var line = await process.WaitForLineAsync(l => l.StartsWith(banner, StringComparison.Ordinal), ScaleOutCluster.StartTimeout);
            return new EmulatorProcess(process, new Uri(line[banner.Length..].Trim()));
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>The token exchanges WorkOS has answered for a refresh token, by status (the request log, over the control API).</summary>
    public async Task<RefreshCounts> CountRefreshesAsync()
    {
        using var log = await _control.GetFromJsonAsync<JsonDocument>($"/_emulator/requests?method=POST&path={AuthenticatePath}")
            ?? throw new InvalidOperationException("The emulator answered no request log.");
        var refreshes = log.RootElement.GetProperty("data").EnumerateArray()
            .Where(r => r.GetProperty("body").TryGetProperty("grant_type", out var grant) && grant.GetString() == "refresh_token")
            .Select(r => r.GetProperty("status_code").GetInt32())
            .ToList();
        return new RefreshCounts(refreshes.Count(s => s == 200), refreshes.Count);
    }

    /// <summary>Holds the next <paramref name="count"/> refreshes (token exchanges) for <paramref name="latency"/> before WorkOS answers them.</summary>
    public Task HoldRefreshesAsync(TimeSpan latency, int count = 1) => SendAsync(HttpMethod.Post, "/_emulator/faults", new Dictionary<string, object>
    {
        ["method"] = "POST",
        ["path"] = AuthenticatePath,
        ["status"] = 0,
        ["count"] = count,
        ["latency_ms"] = (int)latency.TotalMilliseconds,
    });

    /// <summary>Sets the lifetime of the access tokens issued from now on.</summary>
    public async Task SetTokenLifetimeAsync(TimeSpan lifetime)
    {
        using var response = await _control.PutAsJsonAsync("/_emulator/access_token_lifetime", new Dictionary<string, int> { ["seconds"] = (int)lifetime.TotalSeconds });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Clears every injected fault.</summary>
    public Task ClearFaultsAsync() => SendAsync(HttpMethod.Delete, "/_emulator/faults", null);

    public void Dispose()
    {
        _control.Dispose();
        _process.Dispose();
    }

    private async Task SendAsync(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await _control.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent,
            $"The emulator's control API answered {(int)response.StatusCode} to {method} {path}: {await response.Content.ReadAsStringAsync()}");
    }
}

/// <summary>Refresh-token exchanges in the emulator's request log: answered 200, and all of them.</summary>
internal sealed record RefreshCounts(int Succeeded, int Attempted);
