using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Widgets;

namespace Microsoft.AspNetCore.Http;

/// <summary>Widget tokens for the signed-in WorkOS session.</summary>
public static class WorkOSWidgetHttpContextExtensions
{
    /// <summary>
    /// A token for WorkOS's widgets (<c>POST /widgets/token</c>) for the signed-in user in the organization of their
    /// session, with <paramref name="scopes"/> (from <see cref="WorkOSWidgetScopes"/>). Tokens are reused per user,
    /// organization and scope set until five minutes before they expire (one hour after issue), never across users
    /// or organizations. Hand the token to the widget in the page; it is a credential of that user, so do not cache
    /// the page publicly.
    /// </summary>
    /// <param name="context">The current request, with a signed-in WorkOS session (the default AuthKit scheme's).</param>
    /// <param name="scopes">The scopes of the widgets the page renders; at least one, each one of <see cref="WorkOSWidgetScopes"/>.</param>
    /// <param name="cancellationToken">Stops waiting for WorkOS.</param>
    /// <returns>The widget token.</returns>
    /// <exception cref="WorkOSWidgetTokenException">No token could be issued; <see cref="WorkOSWidgetTokenException.Failure"/> says why.</exception>
    public static Task<string> GetWorkOSWidgetTokenAsync(this HttpContext context, IEnumerable<string> scopes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(scopes);
        var source = context.RequestServices.GetService<WidgetTokenSource>()
            ?? throw new InvalidOperationException("Widget tokens are for WorkOS sessions: call services.AddWorkOSAuthKit() first.");
        return source.GetAsync(context, scopes, cancellationToken);
    }
}
