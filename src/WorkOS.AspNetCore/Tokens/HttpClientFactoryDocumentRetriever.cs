using System.Text;
using Microsoft.IdentityModel.Protocols;
using WorkOS.AspNetCore.Api;

namespace WorkOS.AspNetCore.Tokens;

/// <summary>
/// Fetches JWKS documents with a client from <see cref="IHttpClientFactory"/>, so tests and proxies configure one place.
/// Only WorkOS's own answer is trusted: a redirect is refused (a key set served by another host never signs tokens
/// here), and a body over <see cref="WorkOSApiClient.MaxResponseBytes"/> is refused unread. The client's timeout, which
/// covers the body too, runs on the app's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class HttpClientFactoryDocumentRetriever(IHttpClientFactory httpClientFactory, TimeProvider timeProvider) : IDocumentRetriever
{
    public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        var http = httpClientFactory.CreateClient(WorkOSAuthKitDefaults.HttpClientName);
        using var deadline = http.Timeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(http.Timeout, timeProvider);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel, deadline?.Token ?? CancellationToken.None);

        using var response = await http.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            throw new IOException($"Fetching the WorkOS signing keys from {address} was answered with a redirect ({status}); redirects are never followed.");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new IOException($"Fetching the WorkOS signing keys from {address} failed with status {status}.");
        }

        var body = await BoundedContent.ReadAsync(response.Content, WorkOSApiClient.MaxResponseBytes, timeout.Token).ConfigureAwait(false)
            ?? throw new IOException($"The WorkOS signing keys from {address} are over {WorkOSApiClient.MaxResponseBytes} bytes; they were not read.");
        return Encoding.UTF8.GetString(body);
    }
}
