using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.SignIn;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.SignIn;

/// <summary>
/// The entry the AuthKit scheme uses when WorkOS answers a grant with a pending-token error: the error becomes the next
/// step, bound to the browser, finished with the same pages.
/// </summary>
public sealed class ContinueAfterTests
{
    [Fact]
    public async Task A_pending_token_error_of_WorkOS_becomes_a_step_of_this_browser()
    {
        await using var app = await StartAsync();
        var browser = app.CreateBrowser();

        var step = await browser.PostAsync("/continue", ("email", "alice@acme.com"), ("password", EmulatorSeed.DefaultPassword));

        Assert.Equal("RequiresOrganizationSelection", step.Status);
        Assert.Equal("/after", step.ReturnUrl);
        Assert.Equal(["org_acme", "org_globex"], step.Organizations.Select(o => o.Id));
        var page = await browser.PostAsync("/signin/organization", ("step", step.PendingStep!), ("organization", "org_globex"));
        Assert.Equal("SignedIn", page.Status);
        Assert.Equal("/after", page.ReturnUrl);
    }

    [Fact]
    public async Task Any_other_error_is_left_to_the_caller()
    {
        await using var app = await StartAsync();
        var browser = app.CreateBrowser();

        var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/continue")
        {
            Content = new FormUrlEncodedContent([new("email", "alice@acme.com"), new("password", "wrong")]),
        });

        Assert.Equal("not a step: invalid_credentials", await response.Content.ReadAsStringAsync());
    }

    private static Task<AuthKitTestApp> StartAsync() =>
        AuthKitTestApp.StartAsync(map: app =>
        {
            SignInPages.Map(app);
            app.MapPost("/continue", async (HttpContext context, WorkOSSignInManager manager, IHttpClientFactory clients) =>
            {
                var form = await context.Request.ReadFormAsync();
                var emulator = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<WorkOSClientOptions>>().CurrentValue;
                var api = new WorkOSApiClient(clients.CreateClient(WorkOSAuthKitDefaults.HttpClientName),
                    WorkOSApiSettings.Create(emulator.ApiBaseUrl, emulator.ClientId, emulator.ApiKey));
                try
                {
                    await api.AuthenticateAsync(new AuthenticateRequest
                    {
                        GrantType = "password", ClientId = emulator.ClientId, ClientSecret = emulator.ApiKey,
                        Email = form["email"], Password = form["password"],
                    }, context.RequestAborted);
                    return Results.Text("signed in without a step");
                }
                catch (WorkOSApiException error)
                {
                    var result = await manager.ContinueAfterAsync(context, error, "/after", context.RequestAborted);
                    return result is null
                        ? Results.Text("not a step: " + error.ErrorCode)
                        : Results.Json(new SignInPages.Page(result.Status.ToString(), result.ErrorCode, result.ErrorMessage, result.PendingStep,
                            result.Email, result.Organizations, result.Totp, result.SsoConnectionIds, null, result.ReturnUrl, null, null));
                }
            });
        });
}
