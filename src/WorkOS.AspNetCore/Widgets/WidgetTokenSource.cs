using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Diagnostics;
using WorkOS.AspNetCore.Session;

namespace WorkOS.AspNetCore.Widgets;

/// <summary>
/// Issues widget tokens for the signed-in session's user and organization: scopes checked against
/// <see cref="WorkOSWidgetScopes"/> before anything else, then <c>POST /widgets/token</c> through
/// <see cref="WorkOSApiClient"/> (the library's client: bounded answers, its timeout on the app's clock, no redirects).
/// Tokens live in the app's <see cref="HybridCache"/> (in process only) under the user, the organization and the
/// scope set, until <see cref="RefreshBeforeExpiry"/> before they expire on the app's <see cref="TimeProvider"/>;
/// concurrent requests for one key share one call, and a failure is never stored.
/// </summary>
internal sealed class WidgetTokenSource(IServiceProvider services, ISessionSettingsSource sessions, IHttpClientFactory httpClientFactory,
    TimeProvider time, ILogger<WidgetTokenSource> logger)
{
    /// <summary>How long a widget token lives when it does not say (WorkOS documents one hour), and the longest trusted.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>How long before its expiry a token stops being handed out, so a page never gets one about to die.</summary>
    public static readonly TimeSpan RefreshBeforeExpiry = TimeSpan.FromMinutes(5);

    /// <summary>The most scopes one request may carry (there are six).</summary>
    private const int MaxScopes = 16;

    private const string Prefix = "WorkOS:widget-token:";

    private static readonly WorkOSEndpoint Endpoint = new("WorkOS widget token", "/widgets/token");

    private static readonly HybridCacheEntryOptions LookupOptions = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCache,
    };

    private static readonly HybridCacheEntryOptions StoredOnlyOptions = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCache | HybridCacheEntryFlags.DisableUnderlyingData,
    };

    private HybridCache? _cache;

    // Resolved at the first token, not at startup: an app that renders no widget never touches the cache.
    private HybridCache Cache => _cache ??= services.GetRequiredService<HybridCache>();

    public async Task<string> GetAsync(HttpContext context, IEnumerable<string> scopes, CancellationToken cancellationToken)
    {
        var scopeSet = Scopes(scopes);
        var session = sessions.Get(WorkOSAuthKitDefaults.AuthenticationScheme);
        var result = await context.AuthenticateAsync(session.SignInScheme).ConfigureAwait(false);
        if (!result.Succeeded || result.Principal.GetWorkOSUserId() is not { Length: > 0 } userId)
        {
            logger.WidgetTokenNotSignedIn();
            throw new WorkOSWidgetTokenException(WorkOSWidgetTokenFailure.NotSignedIn, "No WorkOS session is signed in; a widget token is for a signed-in user.");
        }

        if (result.Principal.GetOrganizationId() is not { Length: > 0 } organizationId)
        {
            logger.WidgetTokenNoOrganization(userId);
            throw new WorkOSWidgetTokenException(WorkOSWidgetTokenFailure.NoOrganization,
                "The session is not in an organization; a widget token is for a user in an organization.");
        }

        var request = new Request(this, Key(userId, organizationId, scopeSet), userId, organizationId, scopeSet, session.Api);
        var entry = await Cache.GetOrCreateAsync(request.Key, request, static (r, ct) => r.Source.FetchAndStoreAsync(r, ct), LookupOptions,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (entry.Failure is null && entry.RefreshAt <= time.GetUtcNow())
        {
            // Stored entries carry their end on the app's clock; one past it is dropped and a new token fetched.
            await Cache.RemoveAsync(request.Key, cancellationToken).ConfigureAwait(false);
            entry = await Cache.GetOrCreateAsync(request.Key, request, static (r, ct) => r.Source.FetchAndStoreAsync(r, ct), LookupOptions,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return entry.Failure is { } failure
            ? throw new WorkOSWidgetTokenException(failure.Failure, failure.Message, failure.InnerException)
            : entry.Token!;
    }

    /// <summary>The scopes, distinct and in order (one cache entry per set, whatever order the page names them in).</summary>
    private string[] Scopes(IEnumerable<string> scopes)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            if (scope is null || !WorkOSWidgetScopes.All.Contains(scope))
            {
                logger.WidgetTokenInvalidScopes($"'{LogValue.Caller(scope ?? "(null)", 100)}' is not a widget scope");
                throw new WorkOSWidgetTokenException(WorkOSWidgetTokenFailure.InvalidScopes,
                    $"'{LogValue.Caller(scope ?? "(null)", 100)}' is not a widget scope; use the values of WorkOSWidgetScopes.");
            }

            if (set.Add(scope) && set.Count > MaxScopes)
            {
                break;
            }
        }

        if (set.Count == 0)
        {
            logger.WidgetTokenInvalidScopes("no scope was asked for");
            throw new WorkOSWidgetTokenException(WorkOSWidgetTokenFailure.InvalidScopes, "A widget token needs at least one scope of WorkOSWidgetScopes.");
        }

        return [.. set];
    }

    private async ValueTask<WidgetTokenEntry> FetchAndStoreAsync(Request r, CancellationToken cancellationToken)
    {
        // A request can miss the stored token and then the fetch that stored it, when that fetch ended in between.
        if (await Cache.GetOrCreateAsync<WidgetTokenEntry?>(r.Key, static _ => ValueTask.FromResult<WidgetTokenEntry?>(null), StoredOnlyOptions,
                cancellationToken: cancellationToken).ConfigureAwait(false) is { Failure: null } stored && stored.RefreshAt > time.GetUtcNow())
        {
            return stored;
        }

        string token;
        try
        {
            var api = WorkOSApiClient.Create(httpClientFactory, r.Api, logger, time);
            using var message = Endpoint.Tag(new HttpRequestMessage(HttpMethod.Post, r.Api.Url("widgets/token"))
            {
                Content = JsonContent.Create(new WidgetTokenRequest { OrganizationId = r.OrganizationId, UserId = r.UserId, Scopes = r.Scopes },
                    WidgetJsonContext.Default.WidgetTokenRequest),
            });
            var response = await api.SendAsync(message, WidgetJsonContext.Default.WidgetTokenResponse, authenticated: true, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(response.Token))
            {
                logger.UnexpectedAnswer(message.RequestUri!.AbsolutePath, 200, "application/json", "the answer carries no token");
                throw new WorkOSApiException("WorkOS answered the widget token request with no token.", HttpStatusCode.OK, "invalid_response");
            }

            token = response.Token;
        }
        catch (WorkOSApiException ex)
        {
            logger.WidgetTokenFailed(r.UserId, r.OrganizationId, (int?)ex.StatusCode, LogValue.Caller(ex.ErrorCode), ex.IsTransient, ex);
            var failure = ex.IsTransient
                ? new WorkOSWidgetTokenException(WorkOSWidgetTokenFailure.Unavailable, "WorkOS could not issue a widget token now; try again later.", ex)
                : new WorkOSWidgetTokenException(WorkOSWidgetTokenFailure.Refused, $"WorkOS refused the widget token: {ex.Message}", ex);
            return new WidgetTokenEntry(null, time.GetUtcNow(), failure);
        }

        var now = time.GetUtcNow();
        var expiresAt = ExpiresAt(token, now);
        var refreshAt = expiresAt - RefreshBeforeExpiry;
        var entry = new WidgetTokenEntry(token, refreshAt, null);
        if (refreshAt > now)
        {
            await Cache.SetAsync(r.Key, entry, new HybridCacheEntryOptions
            {
                Expiration = refreshAt - now,
                LocalCacheExpiration = refreshAt - now,
                Flags = HybridCacheEntryFlags.DisableDistributedCache,
            }, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }

        logger.WidgetTokenIssued(r.UserId, r.OrganizationId, string.Join(' ', r.Scopes), refreshAt);
        return entry;
    }

    /// <summary>The token's <c>exp</c> when it is a JWT (never later than <see cref="Lifetime"/> from now), else <see cref="Lifetime"/> from now.</summary>
    private static DateTimeOffset ExpiresAt(string token, DateTimeOffset now)
    {
        var longest = now + Lifetime;
        try
        {
            var jwt = new JsonWebToken(token);
            if (jwt.TryGetPayloadValue<long>("exp", out var exp))
            {
                var expiresAt = DateTimeOffset.FromUnixTimeSeconds(exp);
                return expiresAt < longest ? expiresAt : longest;
            }
        }
        catch (ArgumentException)
        {
            // Not a JWT: WorkOS documents one hour.
        }

        return longest;
    }

    // Length-prefixed, so no user id can end inside the organization id; scopes hold no spaces.
    private static string Key(string userId, string organizationId, string[] scopes) =>
        string.Concat(Prefix, userId.Length.ToString(CultureInfo.InvariantCulture), ":", userId,
            organizationId.Length.ToString(CultureInfo.InvariantCulture), ":", organizationId, ":", string.Join(' ', scopes));

    private sealed record Request(WidgetTokenSource Source, string Key, string UserId, string OrganizationId, string[] Scopes, WorkOSApiSettings Api);
}
