using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Http;

namespace WorkOS.AspNetCore.ApiKeys;

/// <summary>
/// Authenticates requests that carry an API key WorkOS issued to a customer, in the configured header or as
/// <c>Authorization: Bearer</c> (a JWT there is left to the bearer scheme). Keys are checked with WorkOS and cached
/// by hash; when WorkOS cannot be asked, requests that need the check get 503 (fail closed).
/// </summary>
internal sealed class WorkOSApiKeyHandler(IOptionsMonitor<WorkOSApiKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyValidators validators)
    : AuthenticationHandler<WorkOSApiKeyOptions>(options, logger, encoder)
{
    /// <summary>The longest key sent to WorkOS; anything longer is refused locally.</summary>
    internal const int MaxKeyLength = 512;

    private Refusal? _refusal;

    private new WorkOSApiKeyEvents Events => (WorkOSApiKeyEvents)base.Events!;

    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new WorkOSApiKeyEvents());

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (read, key, problem) = ReadKey();
        switch (read)
        {
            case CredentialRead.Absent:
                Logger.NoKey();
                return AuthenticateResult.NoResult();
            case CredentialRead.TooLarge:
                return Refuse("too_large", "-", problem);
            case CredentialRead.Malformed:
                return Refuse("malformed", key.Length > 0 ? ApiKeyValidator.Fingerprint(ApiKeyValidator.Hash(key)) : "-", problem);
        }

        var hash = ApiKeyValidator.Hash(key);
        var lookup = await validators.Get(Scheme.Name).ValidateAsync(key, hash, Options, Logger, Context.RequestAborted).ConfigureAwait(false);
        switch (lookup.Status)
        {
            case ApiKeyStatus.Invalid:
                return Refuse("invalid", ApiKeyValidator.Fingerprint(hash), lookup.Description);
            case ApiKeyStatus.Unavailable:
                Logger.WorkOSUnavailable(ApiKeyValidator.Fingerprint(hash), lookup.Description, lookup.Exception);
                _refusal = new Refusal(Unavailable: true, lookup.Description);
                return AuthenticateResult.Fail(new WorkOSApiException(lookup.Description, null, "workos_unavailable", lookup.Exception));
        }

        var apiKey = lookup.Key!;
        var validated = new WorkOSApiKeyValidatedContext(Context, Scheme, Options, apiKey)
        {
            Principal = new ClaimsPrincipal(ApiKeyClaims.CreateIdentity(apiKey, Scheme.Name, ClaimsIssuer)),
            Properties = new AuthenticationProperties(),
        };
        await Events.KeyValidated(validated).ConfigureAwait(false);
        if (validated.Result is { } decided)
        {
            if (decided.Failure is { } failure)
            {
                Logger.RejectedByEvent(apiKey.Id, failure.Message);
                _refusal = new Refusal(Unavailable: false, failure.Message);
            }

            return decided;
        }

        if (validated.Principal is null)
        {
            return Refuse("rejected", ApiKeyValidator.Fingerprint(hash), "The API key was not accepted.");
        }

        validated.Success();
        Logger.KeyAccepted(apiKey.Id, apiKey.ObfuscatedValue, apiKey.Owner?.Type, apiKey.Owner?.Id);
        return validated.Result!;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        var (status, error, description) = ApiChallenge.Describe(_refusal is not null, _refusal?.Unavailable == true, _refusal?.Description, result.Failure);
        var challenge = new WorkOSApiKeyChallengeContext(Context, Scheme, Options, properties)
        {
            AuthenticateFailure = result.Failure, StatusCode = status, Error = error, ErrorDescription = description,
        };

        await Events.Challenge(challenge).ConfigureAwait(false);
        if (challenge.Handled)
        {
            return;
        }

        Logger.Challenged(challenge.StatusCode, challenge.Error ?? "no key");
        await ApiChallenge.WriteAsync(Response, challenge.StatusCode, challenge.Error, challenge.ErrorDescription).ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Logger.Forbidden();
        ApiChallenge.Forbid(Response, "The API key does not grant access to this resource.");
        return Task.CompletedTask;
    }

    /// <summary>The key from the configured header, else from <c>Authorization: Bearer</c> unless that holds a JWT.</summary>
    private (CredentialRead Read, string Key, string Problem) ReadKey()
    {
        if (Options.HeaderName is { Length: > 0 } headerName && Request.Headers.TryGetValue(headerName, out var values) && values.Count > 0)
        {
            if (values.Count > 1)
            {
                return (CredentialRead.Malformed, string.Empty, $"Send one {headerName} header.");
            }

            var value = values[0]?.Trim() ?? string.Empty;
            if (value.Length == 0)
            {
                return (CredentialRead.Malformed, string.Empty, $"The {headerName} header is empty.");
            }

            if (value.Length <= ApiCredentials.MaxHeaderLength && ApiCredentials.LooksLikeJwt(value))
            {
                return (CredentialRead.Malformed, value, $"The {headerName} header holds a token, not an API key.");
            }

            return CheckShape(value);
        }

        switch (ApiCredentials.ReadBearer(Request, out var credential))
        {
            case CredentialRead.Absent:
                return (CredentialRead.Absent, string.Empty, string.Empty);
            case CredentialRead.TooLarge:
                return (CredentialRead.TooLarge, string.Empty, "The Authorization header is too large.");
            case CredentialRead.Malformed:
                return (CredentialRead.Malformed, string.Empty, "The Authorization header must be a single 'Bearer <API key>'.");
        }

        // A JWT is a user's access token: the bearer scheme's business, not an API key to send to WorkOS.
        return ApiCredentials.LooksLikeJwt(credential) ? (CredentialRead.Absent, string.Empty, string.Empty) : CheckShape(credential);
    }

    private static (CredentialRead Read, string Key, string Problem) CheckShape(string key)
    {
        if (key.Length > MaxKeyLength)
        {
            return (CredentialRead.TooLarge, string.Empty, "The API key is too long.");
        }

        foreach (var c in key)
        {
            if (c is < '!' or > '~')
            {
                return (CredentialRead.Malformed, key, "The API key contains characters no API key has.");
            }
        }

        return (CredentialRead.Present, key, string.Empty);
    }

    private AuthenticateResult Refuse(string reason, string fingerprint, string description)
    {
        Logger.KeyRefused(reason, fingerprint, description);
        _refusal = new Refusal(Unavailable: false, description);
        return AuthenticateResult.Fail(new AuthenticationFailureException(description));
    }

    private sealed record Refusal(bool Unavailable, string Description);
}
