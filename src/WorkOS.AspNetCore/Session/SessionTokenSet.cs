using Microsoft.IdentityModel.JsonWebTokens;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// The tokens behind a WorkOS principal, carried in <see cref="System.Security.Claims.ClaimsIdentity.BootstrapContext"/>
/// (never as claims, never serialized) so the cookie's refresh check and a Blazor circuit started from that principal
/// use them without reading the cookie again. The access token is parsed once, when the principal is built.
/// </summary>
internal sealed record SessionTokenSet(string AccessToken, string RefreshToken, JsonWebToken Token);
