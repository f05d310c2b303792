using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Api;

/// <summary>Either error shape WorkOS sends: OAuth style (<c>error</c>, <c>error_description</c>) or WorkOS style (<c>code</c>, <c>message</c>).</summary>
internal sealed class WorkOSErrorBody
{
    [JsonPropertyName("error")] public string? Error { get; set; }
    [JsonPropertyName("error_description")] public string? ErrorDescription { get; set; }
    [JsonPropertyName("code")] public string? Code { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("authkit_redirect_url")] public string? AuthKitRedirectUrl { get; set; }
    [JsonPropertyName("pending_authentication_token")] public string? PendingAuthenticationToken { get; set; }
}
