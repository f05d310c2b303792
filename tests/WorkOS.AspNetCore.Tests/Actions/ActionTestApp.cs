using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Actions;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Actions;

/// <summary>An app on TestServer with <c>AddWorkOSActions</c> and <c>MapWorkOSActions</c>, on a test clock.</summary>
internal sealed class ActionTestApp : IAsyncDisposable
{
    public const string Secret = "action_secret_acme_current";
    public const string Path = "/actions/workos";

    private readonly WebApplication _app;

    private ActionTestApp(WebApplication app, TestLogSink logs)
    {
        _app = app;
        Logs = logs;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public TestLogSink Logs { get; }

    public static async Task<ActionTestApp> StartAsync(
        TimeProvider clock,
        Action<WorkOSActionHandlers> handlers,
        Action<WorkOSActionOptions>? configure = null,
        string environment = "Development",
        IReadOnlyDictionary<string, string?>? configuration = null)
    {
        var app = Build(clock, handlers, configure ?? (o => o.Secrets.Add(Secret)), environment, configuration, out var logs);
        await app.StartAsync();
        return new ActionTestApp(app, logs);
    }

    public static WebApplication Build(
        TimeProvider clock,
        Action<WorkOSActionHandlers> handlers,
        Action<WorkOSActionOptions>? configure,
        string environment,
        IReadOnlyDictionary<string, string?>? configuration,
        out TestLogSink logs)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        if (configuration is not null)
        {
            builder.Configuration.AddInMemoryCollection(configuration);
        }

        logs = new TestLogSink();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton(clock);
        builder.Services.AddWorkOSActions(configure);
        var app = builder.Build();
        app.MapWorkOSActions(Path, handlers);
        return app;
    }

    /// <summary>Posts <paramref name="body"/> as sent, with the given <c>WorkOS-Signature</c> (none when null).</summary>
    public Task<HttpResponseMessage> PostAsync(string body, string? signature) => PostAsync(new StringContent(body, Encoding.UTF8, "application/json"), signature);

    public Task<HttpResponseMessage> PostAsync(HttpContent content, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = content };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("WorkOS-Signature", signature);
        }

        return Client.SendAsync(request);
    }

    public bool Logged(int eventId) => Logs.Entries.Any(e => e.EventId.Id == eventId);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
