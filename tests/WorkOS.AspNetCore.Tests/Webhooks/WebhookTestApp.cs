using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Webhooks;

namespace WorkOS.AspNetCore.Tests.Webhooks;

/// <summary>An app on TestServer with <c>AddWorkOSWebhooks</c> and <c>MapWorkOSWebhooks</c>, on a test clock.</summary>
internal sealed class WebhookTestApp : IAsyncDisposable
{
    public const string Secret = "wh_secret_acme_primary";
    public const string Path = "/webhooks/workos";

    private readonly WebApplication _app;

    private WebhookTestApp(WebApplication app, TestLogSink logs)
    {
        _app = app;
        Logs = logs;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public TestLogSink Logs { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<WebhookTestApp> StartAsync(
        TimeProvider clock,
        Action<WorkOSWebhookBuilder> handlers,
        Action<WorkOSWebhookOptions>? configure = null,
        string environment = "Development",
        IReadOnlyDictionary<string, string?>? configuration = null)
    {
        var app = Build(clock, handlers, configure ?? (o => o.Secrets.Add(Secret)), environment, configuration, out var logs);
        await app.StartAsync();
        return new WebhookTestApp(app, logs);
    }

    public static WebApplication Build(
        TimeProvider clock,
        Action<WorkOSWebhookBuilder> handlers,
        Action<WorkOSWebhookOptions>? configure,
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
        handlers(builder.Services.AddWorkOSWebhooks(configure));
        var app = builder.Build();
        app.MapWorkOSWebhooks(Path);
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

    /// <summary>Content that declares <paramref name="declaredLength"/> bytes, sends a few, and sends nothing more until released.</summary>
    public sealed class StalledContent(long declaredLength, Task release) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync("{\"object\":"u8.ToArray());
            await stream.FlushAsync();
            await release;
        }

        protected override bool TryComputeLength(out long length)
        {
            length = declaredLength;
            return true;
        }
    }

    /// <summary>Content whose length is not known up front, so the server sees no Content-Length and must count.</summary>
    public sealed class UnsizedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
