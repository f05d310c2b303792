namespace WorkOS.AspNetCore.Tokens;

/// <summary>Where an access token being verified came from; decides what its unknown signing key may cost.</summary>
internal enum AccessTokenSource
{
    /// <summary>
    /// A bearer token from an HTTP request. Anyone can send one, so the key fetches its unknown key ids cause are
    /// throttled (<c>JwksRefreshInterval</c>, and a short back-off after a failed fetch).
    /// </summary>
    Caller = 0,

    /// <summary>
    /// A token the app just received from WorkOS itself (code exchange, refresh). An unknown key id means WorkOS rotated
    /// its keys, so it always fetches them (one fetch at a time, shared), whatever callers' traffic did to the throttle.
    /// </summary>
    WorkOS,

    /// <summary>
    /// A health probe: not throttled by callers' traffic, but it reuses the newest fetch while that is younger than the
    /// probe's result lifetime, so probes cost at most one fetch per lifetime.
    /// </summary>
    HealthCheck,
}
