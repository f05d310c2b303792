using System.Net;

namespace WorkOS.AspNetCore.Templates.Tests;

/// <summary>
/// <c>dotnet new workos-webapp</c> from the packed template: the app it creates builds against the packed library
/// packages, and its own tests (signing in against the in-process emulator, offline) pass.
/// </summary>
public sealed class WorkOSWebAppTemplateTests(TemplatePackage template, ITestOutputHelper output) : IClassFixture<TemplatePackage>
{
    private static readonly TimeSpan CreateTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task An_app_created_from_the_template_builds_and_passes_its_tests()
    {
        var app = await CreateAsync("Contoso.Portal");

        var tests = await RunTestsAsync(app);

        AllPassed(tests, total: 5);
        Assert.Contains("Passed Contoso.Portal.Tests.AppTests.The_profile_page_shows_the_signed_in_users_claims", tests.Output);
        Assert.Contains("Passed Contoso.Portal.Tests.AppTests.Only_a_user_with_the_posts_write_permission_may_post", tests.Output);
        Assert.DoesNotContain("The_blazor_page", tests.Output);
        Assert.False(Directory.Exists(Path.Combine(app, "src", "Contoso.Portal", "Components")));
        Assert.DoesNotContain("AddRazorComponents", await File.ReadAllTextAsync(Path.Combine(app, "src", "Contoso.Portal", "Program.cs")));
        Assert.Contains($"""Include="WorkOS.AspNetCore" Version="{template.Version}" """,
            await File.ReadAllTextAsync(Path.Combine(app, "src", "Contoso.Portal", "Contoso.Portal.csproj")));

        await RunsOfflineAsync(app, "Contoso.Portal", "/Account/Profile");
    }

    [Fact]
    public async Task An_app_created_with_blazor_gets_the_blazor_page_and_passes_its_tests()
    {
        var app = await CreateAsync("Contoso.Dashboard", "--blazor");

        var tests = await RunTestsAsync(app);

        AllPassed(tests, total: 6);
        Assert.Contains("Passed Contoso.Dashboard.Tests.AppTests.The_blazor_page_renders_the_signed_in_user", tests.Output);
        Assert.Contains("Passed Contoso.Dashboard.Tests.AppTests.The_profile_page_shows_the_signed_in_users_claims", tests.Output);
        Assert.True(File.Exists(Path.Combine(app, "src", "Contoso.Dashboard", "Components", "Pages", "Blazor.razor")));

        await RunsOfflineAsync(app, "Contoso.Dashboard", "/blazor", "/_framework/blazor.web.js");
    }

    private async Task<string> CreateAsync(string name, params string[] options)
    {
        var folder = Path.Combine(template.AppsFolder, name);
        Log(TemplatePackage.Succeeded(await template.Cli.RunAsync(template.AppsFolder, CreateTimeout,
            ["new", "workos-webapp", "-n", name, "-o", folder, "--debug:custom-hive", template.Hive, .. options])));
        await template.WriteNuGetConfigAsync(folder);
        return folder;
    }

    private async Task<DotnetResult> RunTestsAsync(string app)
    {
        // Restores from the feed and nuget.org, builds the app and its test project, runs the tests listing each one.
        var result = await template.Cli.RunAsync(app, TestTimeout, "test", "--logger", "console;verbosity=normal");
        Log(result);
        return TemplatePackage.Succeeded(result);
    }

    /// <summary>
    /// Runs the built app as its developer would, with no WorkOS credentials: the home page answers with its heading,
    /// a protected page sends the browser to the local emulator's sign-in, and the static assets the pages use are served.
    /// </summary>
    private async Task RunsOfflineAsync(string app, string name, string protectedPath, params string[] assets)
    {
        await using var running = await RunningApp.StartAsync(template.Cli, Path.Combine(app, "src", name), name);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = running.Url };

        using var home = await http.GetAsync("/");
        using var profile = await http.GetAsync(protectedPath);

        output.WriteLine(running.Output);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains($"<h1>{name}</h1>", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, profile.StatusCode);
        var signIn = profile.Headers.Location!;
        Assert.Equal(running.EmulatorUrl.GetLeftPart(UriPartial.Authority), signIn.GetLeftPart(UriPartial.Authority));
        Assert.Equal("/user_management/authorize", signIn.AbsolutePath);
        Assert.Contains($"redirect_uri={Uri.EscapeDataString(new Uri(running.Url, "/auth/callback").ToString())}", signIn.Query, StringComparison.Ordinal);
        foreach (var asset in assets.Append("/site.css"))
        {
            using var response = await http.GetAsync(asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {asset} answered {(int)response.StatusCode}.");
        }
    }

    private static void AllPassed(DotnetResult tests, int total)
    {
        Assert.Contains("Test Run Successful.", tests.Output);
        Assert.Matches($@"Total tests: {total}\s+Passed: {total}\s", tests.Output);
    }

    private void Log(DotnetResult result) => output.WriteLine(result.ToString());
}
