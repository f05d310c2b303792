using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace WorkOS.AspNetCore;

/// <summary>
/// Binds <see cref="WorkOSClientOptions"/> from the app's configuration: the <c>WorkOS</c> section, then the
/// <c>WORKOS_*</c> entries WorkOS's other SDKs read. Fills only what is still unset, so values set in code win whether
/// they were registered before or after it.
/// </summary>
internal sealed class WorkOSClientOptionsSetup(IServiceProvider services) : IConfigureOptions<WorkOSClientOptions>
{
    /// <summary>The keys of the <c>WorkOS</c> section that belong to the client settings, not to a scheme.</summary>
    internal static readonly string[] ClientKeys =
        [nameof(WorkOSClientOptions.ClientId), nameof(WorkOSClientOptions.ApiKey), nameof(WorkOSClientOptions.ApiBaseUrl),
         nameof(WorkOSClientOptions.AllowHttpApiBaseUrl), nameof(WorkOSClientOptions.ValidIssuers)];

    /// <summary>
    /// Registers the client settings once, however many features ask for them. <paramref name="configuration"/>, the
    /// one given to <c>AddWorkOSAuthKit(IConfiguration)</c>, is read instead of the app's <see cref="IConfiguration"/>
    /// service (the first one given wins).
    /// </summary>
    public static void Register(IServiceCollection services, IConfiguration? configuration = null)
    {
        services.AddOptions();
        if (configuration is not null)
        {
            services.TryAddSingleton(new ExplicitConfiguration(configuration));
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<WorkOSClientOptions>, WorkOSClientOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOptionsChangeTokenSource<WorkOSClientOptions>, ConfigurationReloadTokenSource>());
    }

    /// <summary>
    /// Rebuilds the scheme options <typeparamref name="TOptions"/> named <paramref name="name"/> when the client settings
    /// change, so a scheme never keeps values the client settings no longer have.
    /// </summary>
    public static void FollowClientOptions<TOptions>(IServiceCollection services, string name) =>
        services.AddSingleton<IOptionsChangeTokenSource<TOptions>>(sp =>
            new ClientOptionsChangeTokenSource<TOptions>(name, sp.GetRequiredService<IOptionsMonitor<WorkOSClientOptions>>()));

    /// <summary>The configuration WorkOS settings are read from: the one the app gave, else its <see cref="IConfiguration"/>.</summary>
    public static IConfiguration? ConfigurationOf(IServiceProvider services) =>
        services.GetService<ExplicitConfiguration>()?.Configuration ?? services.GetService<IConfiguration>();

    public void Configure(WorkOSClientOptions options)
    {
        if (ConfigurationOf(services) is not { } configuration)
        {
            return;
        }

        var section = configuration.GetSection(WorkOSAuthKitDefaults.ConfigurationSection);
        var bound = new WorkOSClientOptions();
        section.Bind(bound);

        if (string.IsNullOrEmpty(options.ClientId))
        {
            options.ClientId = FirstSet(bound.ClientId, configuration["WORKOS_CLIENT_ID"]);
        }

        if (string.IsNullOrEmpty(options.ApiKey))
        {
            options.ApiKey = FirstSet(bound.ApiKey, configuration["WORKOS_API_KEY"]);
        }

        if (string.IsNullOrEmpty(options.ApiBaseUrl) || options.ApiBaseUrl == WorkOSAuthKitDefaults.ApiBaseUrl)
        {
            options.ApiBaseUrl = FirstSet(section[nameof(WorkOSClientOptions.ApiBaseUrl)], FromHostVariables(configuration), WorkOSAuthKitDefaults.ApiBaseUrl);
        }

        options.AllowHttpApiBaseUrl |= bound.AllowHttpApiBaseUrl;
        if (options.ValidIssuers.Count == 0)
        {
            foreach (var issuer in bound.ValidIssuers)
            {
                options.ValidIssuers.Add(issuer);
            }
        }
    }

    /// <summary>The base URL <c>WORKOS_API_HOSTNAME</c>, <c>WORKOS_API_HTTPS</c> and <c>WORKOS_API_PORT</c> describe, if any.</summary>
    private static string? FromHostVariables(IConfiguration configuration)
    {
        if (configuration["WORKOS_API_HOSTNAME"] is not { Length: > 0 } host)
        {
            return null;
        }

        var https = !string.Equals(configuration["WORKOS_API_HTTPS"], "false", StringComparison.OrdinalIgnoreCase);
        var port = configuration["WORKOS_API_PORT"] is { Length: > 0 } p ? ":" + p : string.Empty;
        return $"{(https ? "https" : "http")}://{host}{port}";
    }

    private static string FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrEmpty(v)) ?? string.Empty;

    /// <summary>The configuration's reload token, so <c>IOptionsMonitor&lt;WorkOSClientOptions&gt;</c> sees reloads.</summary>
    private sealed class ConfigurationReloadTokenSource(IServiceProvider services) : IOptionsChangeTokenSource<WorkOSClientOptions>
    {
        public string Name => Options.DefaultName;

        public IChangeToken GetChangeToken() => ConfigurationOf(services)?.GetReloadToken() ?? new CancellationChangeToken(CancellationToken.None);
    }

    /// <summary>The configuration given to <c>AddWorkOSAuthKit(IConfiguration)</c>.</summary>
    private sealed record ExplicitConfiguration(IConfiguration Configuration);

    /// <summary>
    /// Fires for <typeparamref name="TOptions"/> once the client settings have changed: after their monitor rebuilt
    /// them, so the scheme options rebuilt on this signal read the new values, not the old ones.
    /// </summary>
    private sealed class ClientOptionsChangeTokenSource<TOptions> : IOptionsChangeTokenSource<TOptions>, IDisposable
    {
        private readonly IDisposable? _subscription;
        private CancellationTokenSource _changed = new();

        public ClientOptionsChangeTokenSource(string name, IOptionsMonitor<WorkOSClientOptions> client)
        {
            Name = name;
            _subscription = client.OnChange(_ =>
            {
                // Swapped first, so the listener that re-subscribes while the old token fires gets the next one.
                using var fired = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
                fired.Cancel();
            });
        }

        public string Name { get; }

        public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

        public void Dispose()
        {
            _subscription?.Dispose();
            _changed.Dispose();
        }
    }
}
