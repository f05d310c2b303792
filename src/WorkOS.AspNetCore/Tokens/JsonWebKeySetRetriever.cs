using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace WorkOS.AspNetCore.Tokens;

/// <summary>Reads a JWKS document into a <see cref="JsonWebKeySet"/> for <see cref="ConfigurationManager{T}"/>.</summary>
internal sealed class JsonWebKeySetRetriever : IConfigurationRetriever<JsonWebKeySet>
{
    public static JsonWebKeySetRetriever Instance { get; } = new();

    public async Task<JsonWebKeySet> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var document = await retriever.GetDocumentAsync(address, cancel).ConfigureAwait(false);
        return new JsonWebKeySet(document);
    }
}
