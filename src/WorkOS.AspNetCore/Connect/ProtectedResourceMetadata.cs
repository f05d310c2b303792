using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Connect;

/// <summary>The RFC 9728 protected-resource metadata document.</summary>
internal sealed record ProtectedResourceMetadata(
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("authorization_servers")] string[] AuthorizationServers,
    [property: JsonPropertyName("scopes_supported")] string[] ScopesSupported,
    [property: JsonPropertyName("bearer_methods_supported")] string[] BearerMethodsSupported);

[JsonSerializable(typeof(ProtectedResourceMetadata))]
internal sealed partial class ConnectJsonContext : JsonSerializerContext;
