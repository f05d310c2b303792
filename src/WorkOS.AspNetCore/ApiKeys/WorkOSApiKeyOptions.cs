using Microsoft.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.ApiKeys;

/// <summary>
/// Options of the WorkOS API key scheme, which accepts keys WorkOS issued to your customers, checked through
/// <c>POST /api_keys/validations</c> and cached. Scheme-specific values are bound from the <c>WorkOS</c> configuration
/// section and <c>WorkOS:ApiKeys</c>; the client settings (<see cref="ApiKey"/>, <see cref="ApiBaseUrl"/>) left unset
/// come from <see cref="WorkOSClientOptions"/>, whether or not the app has an AuthKit scheme and in whatever order the
/// schemes were added.
/// </summary>
/// <remarks>Rebuilt when the configuration reloads: a rotated <see cref="ApiKey"/> is used from the next validation call on.</remarks>
public class WorkOSApiKeyOptions : AuthenticationSchemeOptions
{
    /// <summary>Creates options with the documented defaults.</summary>
    public WorkOSApiKeyOptions()
    {
        Events = new WorkOSApiKeyEvents();
    }

    /// <summary>
    /// This app's WorkOS API key (<c>sk_...</c>), which authorizes the validation calls. Empty (the default) uses
    /// <see cref="WorkOSClientOptions.ApiKey"/>. Required, here or there.
    /// </summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>
    /// The WorkOS API base URL. <see langword="null"/> (the default) uses <see cref="WorkOSClientOptions.ApiBaseUrl"/>
    /// (<c>https://api.workos.com</c> unless configured).
    /// </summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>
    /// Whether a plain-http <see cref="ApiBaseUrl"/> is accepted outside the Development environment, where it is
    /// refused at startup (the app's API key would cross the network unencrypted). Defaults to <see langword="false"/>;
    /// a base URL taken from <see cref="WorkOSClientOptions"/> carries its setting.
    /// </summary>
    public bool AllowHttpApiBaseUrl { get; set; }

    /// <summary>
    /// A header that carries the key as its whole value, checked before <c>Authorization: Bearer</c>. Defaults to
    /// <c>X-Api-Key</c>; empty accepts the <c>Authorization</c> header only.
    /// </summary>
    public string? HeaderName { get; set; } = WorkOSApiKeyDefaults.HeaderName;

    /// <summary>
    /// How long WorkOS's answer for a valid key is reused without asking again (never past the key's expiry). A
    /// revoked key stops working at most this long after revocation. Defaults to 1 minute.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an unknown or revoked key is refused without asking WorkOS again. Defaults to 30 seconds.</summary>
    public TimeSpan InvalidKeyCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most answers about unknown keys stored per <see cref="InvalidKeyCacheDuration"/>; past it, unknown keys are
    /// still refused but asked about again, so a flood of made-up keys cannot fill memory. Answers live in the app's
    /// <c>HybridCache</c> (its in-memory tier only) under SHA-256 hashes, never keys; bound that tier as a whole with
    /// <c>HybridCacheOptions.MaximumPayloadBytes</c> and the <c>MemoryCacheOptions.SizeLimit</c> of <c>AddMemoryCache</c>.
    /// Defaults to 10,000.
    /// </summary>
    public int CacheSizeLimit { get; set; } = 10_000;

    /// <summary>How long to wait for WorkOS before answering 503. Defaults to 10 seconds.</summary>
    public TimeSpan ValidationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The events raised by the scheme.</summary>
    public new WorkOSApiKeyEvents Events
    {
        get => (WorkOSApiKeyEvents)base.Events!;
        set => base.Events = value;
    }
}
