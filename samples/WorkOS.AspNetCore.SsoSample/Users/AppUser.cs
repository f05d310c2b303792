namespace WorkOS.AspNetCore.SsoSample.Users;

/// <summary>A user of this app, linked to the SSO identity that signs them in.</summary>
/// <param name="Id">The app's own id.</param>
/// <param name="Email">The email the identity provider gave on first sign-in.</param>
/// <param name="ConnectionId">The WorkOS connection that signs this user in.</param>
/// <param name="IdpId">The user's id at the identity provider (the profile id for a magic link).</param>
/// <param name="CreatedAt">When the user first signed in.</param>
public sealed record AppUser(int Id, string Email, string ConnectionId, string IdpId, DateTimeOffset CreatedAt);
