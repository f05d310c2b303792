namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>What an authorization code is issued for.</summary>
internal sealed record CodeRequest(
    string ClientId,
    string UserId,
    string? OrganizationId,
    string? CodeChallenge,
    string AuthenticationMethod,
    TimeSpan Lifetime,
    PendingImpersonation? Impersonation = null);

/// <summary>A WorkOS dashboard user about to impersonate a user: the next sign-in becomes theirs.</summary>
internal sealed record PendingImpersonation(string UserId, string ImpersonatorEmail, string? Reason);
