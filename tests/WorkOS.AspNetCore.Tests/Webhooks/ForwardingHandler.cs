namespace WorkOS.AspNetCore.Tests.Webhooks;

/// <summary>Routes the emulator's deliveries to an app started after the emulator.</summary>
internal sealed class ForwardingHandler : HttpMessageHandler
{
    public HttpMessageHandler? Target { get; set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        new HttpMessageInvoker(Target ?? throw new InvalidOperationException("No app yet."), disposeHandler: false).SendAsync(request, cancellationToken);
}
