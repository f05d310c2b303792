using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Session;

namespace WorkOS.AspNetCore.Components;

/// <summary>
/// The access token inside a circuit (from the circuit's auth state) or, during static server rendering, from the
/// request's session.
/// </summary>
internal sealed class CircuitAccessTokenProvider(AuthenticationStateProvider stateProvider, IHttpContextAccessor accessor) : IWorkOSAccessTokenProvider
{
    public Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        if (accessor.HttpContext is { WebSockets.IsWebSocketRequest: false } context && !context.Request.Path.StartsWithSegments("/_blazor"))
        {
            return context.GetWorkOSAccessTokenAsync();
        }

        return stateProvider is WorkOSAuthenticationStateProvider circuit
            ? circuit.GetAccessTokenAsync(cancellationToken)
            : Task.FromResult<string?>(null);
    }
}
