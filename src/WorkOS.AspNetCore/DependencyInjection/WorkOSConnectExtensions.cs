using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Authorization;
using WorkOS.AspNetCore.Connect;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers WorkOS Connect: the bearer scheme for its tokens, and client credentials for outgoing calls.</summary>
public static class WorkOSConnectExtensions
{
    /// <summary>
    /// Adds the WorkOS Connect bearer scheme (<see cref="WorkOSConnectDefaults.AuthenticationScheme"/>): ASP.NET's
    /// <c>JwtBearer</c> handler accepting tokens of the AuthKit domain (<see cref="WorkOSConnectOptions.Domain"/>), its
    /// issuer and keys from the domain's discovery document, for one of <see cref="WorkOSConnectOptions.Audiences"/>,
    /// with one <c>scope</c> claim per scope. 401s carry RFC 9728's <c>resource_metadata</c>.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="configure">Configures the scheme.</param>
    /// <returns>The builder.</returns>
    public static AuthenticationBuilder AddWorkOSConnectBearer(this AuthenticationBuilder builder, Action<WorkOSConnectOptions> configure) =>
        builder.AddWorkOSConnectBearer(WorkOSConnectDefaults.AuthenticationScheme, configure);

    /// <summary>Adds the WorkOS Connect bearer scheme under a custom name. See <see cref="AddWorkOSConnectBearer(AuthenticationBuilder, Action{WorkOSConnectOptions})"/>.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <param name="configure">Configures the scheme.</param>
    /// <returns>The builder.</returns>
    public static AuthenticationBuilder AddWorkOSConnectBearer(this AuthenticationBuilder builder, string authenticationScheme,
        Action<WorkOSConnectOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddWorkOSHttpClient();
        services.AddWorkOSAuthorizationCore(); // the scope:... policy names
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPolicyNameConvention, ScopePolicy>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ConnectIntrospector>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkOSConnectOptions>, WorkOSConnectOptionsValidator>());
        services.AddOptions<WorkOSConnectOptions>(authenticationScheme).Configure(configure).ValidateOnStart();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>>(sp => new WorkOSConnectJwtBearerSetup(authenticationScheme, sp));
        return builder.AddJwtBearer(authenticationScheme, WorkOSConnectDefaults.DisplayName, _ => { });
    }

    /// <summary>
    /// Makes the client's requests carry a WorkOS Connect client credentials token (<c>Authorization: Bearer</c>), got
    /// from the AuthKit domain's <c>/oauth2/token</c> and cached until shortly before it expires; one token request at a
    /// time however many calls need one, and one retry with a fresh token when the API answers 401.
    /// </summary>
    /// <param name="builder">The client's builder.</param>
    /// <param name="configure">Configures the M2M application's credentials.</param>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder AddWorkOSClientCredentials(this IHttpClientBuilder builder, Action<WorkOSClientCredentialsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddWorkOSHttpClient();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ClientCredentialsTokenSource>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkOSClientCredentialsOptions>, WorkOSClientCredentialsOptionsValidator>());
        services.AddOptions<WorkOSClientCredentialsOptions>(builder.Name).Configure(configure).ValidateOnStart();
        var name = builder.Name;
        return builder.AddHttpMessageHandler(sp => new ClientCredentialsHandler(name, sp.GetRequiredService<ClientCredentialsTokenSource>(),
            sp.GetRequiredService<IOptionsMonitor<WorkOSClientCredentialsOptions>>(), sp.GetRequiredService<Logging.ILogger<ClientCredentialsHandler>>()));
    }
}
