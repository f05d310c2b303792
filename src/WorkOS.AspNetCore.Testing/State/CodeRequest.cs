namespace WorkOS.AspNetCore.Testing.State;

/// <summary>What an authorization code is issued for.</summary>
internal sealed record CodeRequest(
    string ClientId,
    string UserId,
    string? OrganizationId,
    string? CodeChallenge,
    string AuthenticationMethod,
    TimeSpan Lifetime);
