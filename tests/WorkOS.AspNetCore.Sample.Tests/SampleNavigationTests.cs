using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Sample.Tests;

/// <summary>The sample's navigation, its pages and its favicon, as a signed-in browser sees them.</summary>
public sealed partial class SampleNavigationTests(WebApplicationFactory<Program> baseFactory) : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly WebApplicationFactory<Program> _factory = baseFactory.WithWorkOSEmulator();

    [Fact]
    public async Task Each_navigation_link_opens_a_page_that_says_what_it_demonstrates()
    {
        using var alice = _factory.CreateWorkOSClient();
        await alice.SignInAsAsync("alice@acme.com");

        var links = NavigationLinks(await GetPageAsync(alice, "/"));

        Assert.NotEmpty(links);
        foreach (var link in links)
        {
            using var response = await alice.SendAsync(PageRequest(link));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link} answered {(int)response.StatusCode}");
            Assert.Contains("class=\"demonstrates\"", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_navigation_links_every_page_of_the_sample()
    {
        using var alice = _factory.CreateWorkOSClient();
        await alice.SignInAsAsync("alice@acme.com");
        var razorLinks = NavigationLinks(await GetPageAsync(alice, "/"));
        var blazorLinks = NavigationLinks(await GetPageAsync(alice, "/blazor"));

        // Every page route without parameters, Razor Pages and Blazor components alike. Not in the navigation: the
        // page sign-out lands on, and the sample's own sign-in pages (linked from the home page and, signed out, the header).
        var pages = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null || e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Where(e => e.RoutePattern.Parameters.Count == 0)
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/'))
            .Where(path => !path.EndsWith("/Index", StringComparison.Ordinal) && path != "/SignedOut")
            .Where(path => path != "/SignIn" && !path.StartsWith("/SignIn/", StringComparison.Ordinal))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

        Assert.Contains("/blazor", pages);
        Assert.Contains("/ApiWalkthrough", pages);
        Assert.All(pages, page => Assert.Contains(page, razorLinks, StringComparer.OrdinalIgnoreCase));
        Assert.Equal(razorLinks, blazorLinks);
    }

    [Fact]
    public async Task The_favicon_is_served_and_linked_from_the_razor_and_blazor_pages()
    {
        using var alice = _factory.CreateWorkOSClient();
        await alice.SignInAsAsync("alice@acme.com");

        using var favicon = await alice.GetAsync("/favicon.svg");
        var home = await GetPageAsync(alice, "/");
        var blazor = await GetPageAsync(alice, "/blazor");

        Assert.Equal(HttpStatusCode.OK, favicon.StatusCode);
        Assert.Equal("image/svg+xml", favicon.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg", await favicon.Content.ReadAsStringAsync());
        Assert.Matches("""<link rel="icon" href="/favicon.svg"[^>]*>""", home);
        Assert.Matches("""<link rel="icon" href="favicon.svg"[^>]*>""", blazor);
    }

    private static async Task<string> GetPageAsync(HttpClient client, string path)
    {
        using var response = await client.SendAsync(PageRequest(path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static HttpRequestMessage PageRequest(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        return request;
    }

    private static List<string> NavigationLinks(string html)
    {
        var nav = NavigationPattern().Match(html);
        Assert.True(nav.Success, "The page has no navigation.");
        return [.. HrefPattern().Matches(nav.Groups[1].Value).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex("""<nav data-testid="navigation">(.*?)</nav>""", RegexOptions.Singleline)]
    private static partial Regex NavigationPattern();

    [GeneratedRegex(""""href="([^"]+)"""")]
    private static partial Regex HrefPattern();
}
