using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Components;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Components;

/// <summary>
/// A circuit as Blazor Server opens one: a scope of its own, whose auth state provider starts from the principal of
/// the request that opened it (here a real sign-in against the emulator), and whose registered circuit handlers hear
/// it open and close. Revalidation passes run when a test calls <see cref="WorkOSAuthenticationStateProvider.RevalidateAsync"/>.
/// </summary>
internal sealed class TestCircuit : IAsyncDisposable
{
    // Blazor's Circuit has an internal constructor; the library's handler never looks at the instance.
    private static readonly Circuit Circuit = (Circuit)RuntimeHelpers.GetUninitializedObject(typeof(Circuit));
    private bool _closed;

    private TestCircuit(IServiceScope scope, WorkOSAuthenticationStateProvider provider)
    {
        Scope = scope;
        Provider = provider;
    }

    public IServiceScope Scope { get; }

    public WorkOSAuthenticationStateProvider Provider { get; }

    public static async Task<TestCircuit> OpenAsync(AuthKitTestApp app, WorkOSTestClient browser)
    {
        var scope = app.Services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Cookie = browser.Cookies.GetCookieHeader(browser.BaseAddress!);
        var result = await context.AuthenticateAsync(WorkOSAuthKitDefaults.CookieScheme);
        Assert.True(result.Succeeded);
        var provider = Assert.IsType<WorkOSAuthenticationStateProvider>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
        ((IHostEnvironmentAuthenticationStateProvider)provider).SetAuthenticationState(Task.FromResult(new AuthenticationState(result.Principal!)));
        foreach (var handler in scope.ServiceProvider.GetServices<CircuitHandler>())
        {
            await handler.OnCircuitOpenedAsync(Circuit, CancellationToken.None);
        }

        return new TestCircuit(scope, provider);
    }

    /// <summary>Closes the circuit the way Blazor disposes one: circuit handlers first, then the circuit's scope.</summary>
    public async Task CloseAsync()
    {
        _closed = true;
        foreach (var handler in Scope.ServiceProvider.GetServices<CircuitHandler>())
        {
            await handler.OnCircuitClosedAsync(Circuit, CancellationToken.None);
        }

        Scope.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        if (!_closed)
        {
            Scope.Dispose(); // the test is over; the circuit was never closed
        }

        return ValueTask.CompletedTask;
    }
}
