using Microsoft.IdentityModel.Protocols;

namespace WorkOS.AspNetCore.Tokens;

/// <summary>Fetches JWKS documents with a client from <see cref="IHttpClientFactory"/>, so tests and proxies configure one place.</summary>
internal sealed class HttpClientFactoryDocumentRetriever(IHttpClientFactory httpClientFactory) : IDocumentRetriever
{
    public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        var http = httpClientFactory.CreateClient(WorkOSAuthKitDefaults.HttpClientName);
        using var response = await http.GetAsync(address, cancel).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new IOException($"Fetching the WorkOS signing keys from {address} failed with status {(int)response.StatusCode}.");
        }

        return await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
    }
}
