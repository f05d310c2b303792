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

    // What a pending-token error (email_verification_required, mfa_enrollment, mfa_challenge,
    // organization_selection_required, sso_required) carries for its next step.
    [JsonPropertyName("email")] public string? Email { get; set; }
    [JsonPropertyName("email_verification_id")] public string? EmailVerificationId { get; set; }
    [JsonPropertyName("user")] public PendingUser? User { get; set; }
    [JsonPropertyName("organizations")] public List<PendingOrganization?>? Organizations { get; set; }
    [JsonPropertyName("authentication_factors")] public List<PendingFactor?>? AuthenticationFactors { get; set; }
    [JsonPropertyName("connection_ids")] public List<string?>? ConnectionIds { get; set; }
    [JsonPropertyName("sso_connection_ids")] public List<string?>? SsoConnectionIds { get; set; }

    internal sealed class PendingUser
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("email")] public string? Email { get; set; }
    }

    internal sealed class PendingOrganization
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("name")] public string? Name { get; set; }
    }

    internal sealed class PendingFactor
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("type")] public string? Type { get; set; }
    }
}
