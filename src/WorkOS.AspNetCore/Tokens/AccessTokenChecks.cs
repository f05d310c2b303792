namespace WorkOS.AspNetCore.Tokens;

/// <summary>What an access token must satisfy besides its signature, from the options of the scheme asking.</summary>
/// <param name="ClientId">This app's WorkOS client id: a token's <c>client_id</c> and <c>aud</c>, when present, must name it.</param>
/// <param name="ValidAudiences">Further values accepted in <c>client_id</c> and <c>aud</c>.</param>
/// <param name="ValidIssuers">The accepted <c>iss</c> values; empty skips the issuer check.</param>
/// <param name="ClockSkew">How far token lifetimes may be off because of clock differences.</param>
internal readonly record struct AccessTokenChecks(
    string ClientId, ICollection<string> ValidAudiences, ICollection<string> ValidIssuers, TimeSpan ClockSkew);
