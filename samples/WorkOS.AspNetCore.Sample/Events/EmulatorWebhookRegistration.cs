using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Emulator;

namespace WorkOS.AspNetCore.Sample.Events;

/// <summary>
/// When the sample runs against the local emulator, registers the sample's webhook endpoint with it once the app has
/// started, signed with a secret generated for this run (and accepted by the endpoint), so events arrive offline.
/// Against WorkOS itself it does nothing: register the endpoint in the WorkOS dashboard and set WORKOS_WEBHOOK_SECRET.
/// </summary>
public sealed partial class EmulatorWebhookRegistration(
    IServiceProvider services,
    LocalEmulatorWebhook localEmulator,
    IServer server,
    IHostApplicationLifetime lifetime,
    IHttpClientFactory httpClients,
    IOptions<WorkOSClientOptions> client,
    ILogger<EmulatorWebhookRegistration> logger) : IHostedService
{
    public const string Path = "/webhooks/workos";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = RegisterAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RegisterAsync()
    {
        if (!localEmulator.AgainstEmulator(services, client.Value))
        {
            return;
        }

        var url = OwnWebhookUrl();
        try
        {
            if (services.GetService<WorkOSEmulator>() is { } inProcess)
            {
                inProcess.AddWebhookEndpoint(url, localEmulator.Secret);
            }
            else
            {
                using var http = httpClients.CreateClient();
                using var response = await http.PostAsJsonAsync(new Uri(new Uri(client.Value.ApiBaseUrl), "/_emulator/webhook_endpoints"), new { url, secret = localEmulator.Secret },
                    lifetime.ApplicationStopping).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
            }

            LogRegistered(logger, url);
        }
        catch (Exception exception) when (exception is HttpRequestException or ArgumentException or OperationCanceledException)
        {
            LogRegistrationFailed(logger, url, exception);
        }
    }

    /// <summary>The endpoint's URL on this app's own address (http preferred: the emulator need not trust a dev certificate).</summary>
    private string OwnWebhookUrl()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault() ?? "http://localhost";
        return address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).TrimEnd('/') + Path;
    }

    [LoggerMessage(EventId = 2140, Level = LogLevel.Information, Message = "Registered the sample's webhook endpoint {Url} with the local emulator; received events are on /Admin/Events.")]
    private static partial void LogRegistered(ILogger logger, string url);

    [LoggerMessage(EventId = 2141, Level = LogLevel.Warning, Message = "Could not register the sample's webhook endpoint {Url} with the local emulator; /Admin/Events stays empty.")]
    private static partial void LogRegistrationFailed(ILogger logger, string url, Exception exception);
}
