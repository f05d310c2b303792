using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace WorkOS.AspNetCore.Components;

/// <summary>
/// Tells the circuit's auth state provider (resolved from the circuit's own scope) when the circuit opens and closes,
/// so the browser's older cookie continues as the circuit's session only while the circuit lives.
/// </summary>
internal sealed class WorkOSCircuitHandler(AuthenticationStateProvider stateProvider) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken) =>
        stateProvider is WorkOSAuthenticationStateProvider provider ? provider.CircuitOpenedAsync() : Task.CompletedTask;

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken) =>
        stateProvider is WorkOSAuthenticationStateProvider provider ? provider.CircuitClosedAsync() : Task.CompletedTask;
}
