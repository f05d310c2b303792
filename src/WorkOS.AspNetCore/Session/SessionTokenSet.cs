namespace WorkOS.AspNetCore.Session;

/// <summary>
/// The tokens behind a WorkOS principal, carried in <see cref="System.Security.Claims.ClaimsIdentity.BootstrapContext"/>
/// (never as claims, never serialized) so a Blazor circuit started from that principal can refresh on its own.
/// </summary>
internal sealed record SessionTokenSet(string AccessToken, string RefreshToken);
