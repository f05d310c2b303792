using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkOS.AspNetCore.Components;
using WorkOS.AspNetCore.Session;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Blazor Server support for WorkOS sessions.</summary>
public static class WorkOSBlazorServerExtensions
{
    /// <summary>
    /// Makes Blazor Server auth state follow the WorkOS session for the life of a circuit: the access token is refreshed
    /// before it expires, claim changes (role, permissions, entitlements, organization) are published, and the circuit
    /// turns anonymous when the WorkOS session ends. While a circuit lives, a page load with the browser's older cookie
    /// continues as the circuit's session; once the circuit closes, that cookie is spent. Inject <see cref="IWorkOSAccessTokenProvider"/> in components for
    /// downstream calls. Call after <c>AddWorkOSAuthKit</c>; pair with <c>AddCascadingAuthenticationState()</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Changes the revalidation interval (positive, at most 1 hour) and the AuthKit scheme.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddWorkOSBlazorServer(this IServiceCollection services, Action<WorkOSBlazorServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<WorkOSBlazorServerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // A longer interval would keep the browser's older cookie continuing for hours after its circuit was lost.
        options.Validate(o => o.RevalidationInterval > TimeSpan.Zero && o.RevalidationInterval <= TimeSpan.FromHours(1),
            "WorkOS Blazor RevalidationInterval must be positive and at most 1 hour.").ValidateOnStart();
        services.AddHttpContextAccessor();
        services.RemoveAll<AuthenticationStateProvider>();
        services.AddScoped<AuthenticationStateProvider, WorkOSAuthenticationStateProvider>();
        services.TryAddSingleton<LiveCircuitCookies>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, WorkOSCircuitHandler>());
        services.RemoveAll<IWorkOSAccessTokenProvider>();
        services.AddScoped<IWorkOSAccessTokenProvider, CircuitAccessTokenProvider>();
        return services;
    }
}
