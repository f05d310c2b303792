using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing.Factory;

namespace WorkOS.AspNetCore.Testing;

/// <summary>
/// Runs an app under <see cref="WebApplicationFactory{TEntryPoint}"/> against an in-process
/// <see cref="WorkOSEmulator"/>, and signs test clients in through the app's real AuthKit flow.
/// </summary>
/// <example>
/// <code>
/// await using var factory = new WebApplicationFactory&lt;Program&gt;().WithWorkOSEmulator();
/// using var alice = factory.CreateWorkOSClient();
/// using var landing = await alice.SignInAsAsync("alice@acme.com");
/// var me = await alice.GetFromJsonAsync&lt;Me&gt;("/api/me");
/// factory.GetWorkOSEmulator().SetUserRoles("alice@acme.com", "org_acme", "member");
/// </code>
/// </example>
public static class WorkOSWebApplicationFactoryExtensions
{
    /// <summary>
    /// Returns a factory whose app signs in against a new in-process emulator: every WorkOS scheme of the app
    /// (AuthKit, bearer, API key) gets the emulator's client id, API key and base URL, and the app's WorkOS HTTP client
    /// reaches the emulator in memory. A fallback emulator (<c>AddWorkOSEmulatorWhenUnconfigured</c>) then stays off.
    /// The emulator lives and dies with the factory's app; reach it with <see cref="GetWorkOSEmulator{TEntryPoint}"/>.
    /// </summary>
    /// <typeparam name="TEntryPoint">The app's entry point.</typeparam>
    /// <param name="factory">The factory.</param>
    /// <param name="seed">
    /// Builds the emulator's data on an empty <see cref="EmulatorSeed"/>. When <see langword="null"/>, the emulator
    /// starts with <see cref="EmulatorSeed.CreateDefault"/> (alice@acme.com admin and bob@acme.com member of
    /// <c>org_acme</c>, and more).
    /// </param>
    /// <param name="configure">Changes the emulator's options (token lifetime, clock, redirect URIs), after the seed.</param>
    /// <returns>A new factory; the original one disposes it.</returns>
    public static WebApplicationFactory<TEntryPoint> WithWorkOSEmulator<TEntryPoint>(
        this WebApplicationFactory<TEntryPoint> factory,
        Action<EmulatorSeed>? seed = null,
        Action<WorkOSEmulatorOptions>? configure = null)
        where TEntryPoint : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddWorkOSInProcessEmulator(options =>
            {
                if (seed is not null)
                {
                    options.Seed = new EmulatorSeed();
                    seed(options.Seed);
                }

                configure?.Invoke(options);
            })));
    }

    /// <summary>The emulator of a factory made by <see cref="WithWorkOSEmulator{TEntryPoint}"/>; starts the app if needed.</summary>
    /// <typeparam name="TEntryPoint">The app's entry point.</typeparam>
    /// <param name="factory">The factory.</param>
    /// <returns>The emulator, for control during the test.</returns>
    /// <exception cref="InvalidOperationException">The factory was not made by <see cref="WithWorkOSEmulator{TEntryPoint}"/>.</exception>
    public static WorkOSEmulator GetWorkOSEmulator<TEntryPoint>(this WebApplicationFactory<TEntryPoint> factory)
        where TEntryPoint : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.Services.GetService<TestEmulator>()?.Emulator
            ?? throw new InvalidOperationException("This factory has no WorkOS emulator: use the factory that WithWorkOSEmulator() returned.");
    }

    /// <summary>
    /// Creates a browser-like client of the app (cookies kept, redirects followed, the emulator reached by its host)
    /// that can sign in with <see cref="WorkOSTestClient.SignInAsAsync"/>. Each client is one browser.
    /// </summary>
    /// <typeparam name="TEntryPoint">The app's entry point.</typeparam>
    /// <param name="factory">A factory made by <see cref="WithWorkOSEmulator{TEntryPoint}"/>.</param>
    /// <param name="options">
    /// The base address, whether to follow redirects and how many; the factory's <see cref="WebApplicationFactory{TEntryPoint}.ClientOptions"/>
    /// when <see langword="null"/>. Cookies are always kept.
    /// </param>
    /// <returns>The client; dispose it after the test.</returns>
    public static WorkOSTestClient CreateWorkOSClient<TEntryPoint>(this WebApplicationFactory<TEntryPoint> factory,
        WebApplicationFactoryClientOptions? options = null)
        where TEntryPoint : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        var emulator = factory.GetWorkOSEmulator();
        options ??= factory.ClientOptions;
        return new WorkOSTestClient(factory.Server.CreateHandler(), emulator, options.BaseAddress)
        {
            AppServices = factory.Services,
            FollowRedirects = options.AllowAutoRedirect,
            MaxRedirects = options.MaxAutomaticRedirections,
        };
    }
}
