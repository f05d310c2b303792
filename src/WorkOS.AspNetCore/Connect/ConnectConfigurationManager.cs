using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Threading;

namespace WorkOS.AspNetCore.Connect;

/// <summary>
/// The AuthKit domain's discovery document and signing keys, as <c>JwtBearer</c>'s configuration manager: fetched
/// through the library's named client (bounded, no redirects, its timeout on the app's clock), from
/// <c>/.well-known/openid-configuration</c> or else <c>/.well-known/oauth-authorization-server</c>, and accepted only
/// when its <c>issuer</c> is the domain and its key set holds an RSA signing key. One fetch at a time; a failed or
/// unusable fetch keeps the configuration already known. A token naming an unknown key fetches again at most once per
/// <see cref="WorkOSConnectOptions.RefreshInterval"/> (<see cref="RefreshForUnknownKeyAsync"/>); after a failure,
/// requests wait <see cref="FailureBackoff"/> before the next fetch.
/// </summary>
// Not IdentityModel's ConfigurationManager: it reads the system clock (no TimeProvider) and its RequestRefresh only schedules a refresh, so a token of a just-rotated key could not be accepted after one fetch on the same request.
internal sealed class ConnectConfigurationManager : IConfigurationManager<OpenIdConnectConfiguration>
{
    internal static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(5);

    private readonly string _domain;
    private readonly IDocumentRetriever _retriever;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refreshInterval;
    private readonly TimeSpan _automaticRefreshInterval;
    private readonly ILogger _logger;
    private readonly SingleFlight<int, OpenIdConnectConfiguration?> _fetches = new();
    private readonly Lock _gate = new();
    private OpenIdConnectConfiguration? _current;
    private long _fetchedAt = long.MinValue;
    private long _lastAttempt = long.MinValue;
    private bool _lastFailed;
    private long _lastForced = long.MinValue;

    public ConnectConfigurationManager(string domain, IDocumentRetriever retriever, TimeProvider time, TimeSpan refreshInterval,
        TimeSpan automaticRefreshInterval, ILogger logger)
    {
        _domain = domain.TrimEnd('/');
        _retriever = retriever;
        _time = time;
        _refreshInterval = refreshInterval;
        _automaticRefreshInterval = automaticRefreshInterval;
        _logger = logger;
    }

    public string Domain => _domain;

    public OpenIdConnectConfiguration? Current => Volatile.Read(ref _current);

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        bool due;
        OpenIdConnectConfiguration? current;
        lock (_gate)
        {
            current = _current;
            var now = _time.GetUtcNow().UtcTicks;
            due = (current is null || now - _fetchedAt >= _automaticRefreshInterval.Ticks)
                && !(_lastFailed && now - _lastAttempt < FailureBackoff.Ticks);
        }

        if (due)
        {
            current = await FetchAsync().WaitAsync(cancel).ConfigureAwait(false) ?? current;
        }

        return current ?? throw new InvalidOperationException(
            $"The WorkOS Connect discovery document of {_domain} could not be fetched; tokens cannot be checked until it can.");
    }

    /// <summary>
    /// Fetches again for a token whose key the known set lacks, unless a fetch ran within the refresh interval (or failed
    /// within the backoff): the new configuration, or <see langword="null"/> when none was fetched.
    /// </summary>
    public async Task<OpenIdConnectConfiguration?> RefreshForUnknownKeyAsync(CancellationToken cancel)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow().UtcTicks;
            if (!_fetches.TryJoin(0, out _)
                && ((_lastForced != long.MinValue && now - _lastForced < _refreshInterval.Ticks) || (_lastFailed && now - _lastAttempt < FailureBackoff.Ticks)))
            {
                return null; // the first fetch does not count: only fetches made for unknown keys are throttled
            }

            _lastForced = now;
        }

        return await FetchAsync().WaitAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Not used: <see cref="ConnectTokenHandler"/> refreshes for unknown keys itself, with its throttle.</summary>
    public void RequestRefresh()
    {
    }

    private Task<OpenIdConnectConfiguration?> FetchAsync()
    {
        lock (_gate)
        {
            return _fetches.TryJoin(0, out var running)
                ? running
                : _fetches.RunAsync(0, static (_, self) => self.RunAsync(), this);
        }
    }

    private async Task<OpenIdConnectConfiguration?> RunAsync()
    {
        await Task.Yield();
        OpenIdConnectConfiguration? fetched = null;
        Exception? failure = null;
        string? address = null;
        foreach (var path in (string[])["/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"])
        {
            address = _domain + path;
            try
            {
                fetched = Check(await OpenIdConnectConfigurationRetriever.GetAsync(address, _retriever, CancellationToken.None).ConfigureAwait(false));
                break;
            }
            catch (Exception ex) when (IsFetchFailure(ex))
            {
                failure ??= ex;
            }
        }

        lock (_gate)
        {
            var now = _time.GetUtcNow().UtcTicks;
            _lastAttempt = now;
            _lastFailed = fetched is null;
            if (fetched is not null)
            {
                _current = fetched;
                _fetchedAt = now;
            }
        }

        if (fetched is null)
        {
            _logger.DiscoveryFailed(_domain, Current?.SigningKeys.Count ?? 0, failure!);
        }
        else
        {
            _logger.DiscoveryFetched(_domain, address!, fetched.SigningKeys.Count);
        }

        return fetched;
    }

    /// <summary>Accepts a discovery document only for this domain, with a usable key set (RFC 8414 section 3.3).</summary>
    private OpenIdConnectConfiguration Check(OpenIdConnectConfiguration configuration)
    {
        if (!string.Equals(configuration.Issuer?.TrimEnd('/'), _domain, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"The discovery document names the issuer '{configuration.Issuer}', not {_domain}.");
        }

        if (!configuration.SigningKeys.Any(k => k is RsaSecurityKey or JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.RSA }))
        {
            throw new InvalidDataException($"The key set of {_domain} holds no RSA signing key.");
        }

        return configuration;
    }

    private static bool IsFetchFailure(Exception ex) =>
        ex is IOException or InvalidDataException or HttpRequestException or OperationCanceledException or InvalidOperationException
            or ArgumentException or System.Text.Json.JsonException;
}
