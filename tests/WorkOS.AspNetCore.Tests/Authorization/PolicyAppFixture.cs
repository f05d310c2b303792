using System.Net;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Authorization;

/// <summary>One authorization test app with a signed-in browser per seeded user, shared by the claim-based policy tests.</summary>
public sealed class PolicyAppFixture : IAsyncLifetime
{
    private readonly Dictionary<string, WorkOSTestClient> _browsers = new(StringComparer.Ordinal);

    public AuthKitTestApp App { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        App = await AuthorizationTestApp.StartAsync();
        foreach (var user in new[] { "alice", "bob", "carol", "dave" })
        {
            var browser = App.CreateBrowser();
            var email = user == "carol" ? "carol@globex.com" : user == "dave" ? "dave@example.com" : $"{user}@acme.com";
            var callback = await browser.SignInAsync(email);
            Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
            _browsers[user] = browser;
        }
    }

    /// <summary>The browser signed in as <paramref name="user"/>, or a fresh anonymous one for <see langword="null"/>.</summary>
    public WorkOSTestClient Browser(string? user) => user is null ? App.CreateBrowser() : _browsers[user];

    public async Task DisposeAsync()
    {
        foreach (var browser in _browsers.Values)
        {
            browser.Dispose();
        }

        await App.DisposeAsync();
    }
}
