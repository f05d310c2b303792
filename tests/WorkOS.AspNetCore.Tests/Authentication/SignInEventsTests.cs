using System.Net;
using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Authentication;

public sealed class SignInEventsTests
{
    [Fact]
    public async Task Token_response_and_ticket_events_see_the_sign_in_once_each_in_order()
    {
        var seen = new List<string>();
        await using var app = await AuthKitTestApp.StartAsync(o =>
        {
            o.Events.OnTokenResponseReceived = c =>
            {
                seen.Add("token:" + c.TokenResponse.User.Email);
                return Task.CompletedTask;
            };
            o.Events.OnTicketReceived = c =>
            {
                seen.Add("ticket:" + c.Principal!.FindFirst("sub")!.Value);
                return Task.CompletedTask;
            };
        });
        using var browser = app.CreateBrowser();

        await browser.SignInAsync("bob@acme.com");

        Assert.Equal(["token:bob@acme.com", "ticket:user_bob"], seen);
    }

    [Fact]
    public async Task Remote_failure_event_can_answer_the_failure_itself()
    {
        string? error = null;
        await using var app = await AuthKitTestApp.StartAsync(o => o.Events.OnRemoteFailure = async c =>
        {
            error = (c.Failure as WorkOS.AspNetCore.Authentication.SignInFailureException)?.Error;
            c.Response.StatusCode = StatusCodes.Status418ImATeapot;
            await c.Response.WriteAsync("custom failure page");
            c.HandleResponse();
        });
        using var browser = app.CreateBrowser();

        var response = await browser.GetAsync("/auth/callback?code=abc&state=forged");

        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("custom failure page", await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_state", error);
    }

    [Fact]
    public async Task Access_denied_event_can_redirect_elsewhere()
    {
        await using var app = await AuthKitTestApp.StartAsync(o => o.Events.OnAccessDenied = c =>
        {
            c.Response.Redirect("/why-sign-in");
            c.HandleResponse();
            return Task.CompletedTask;
        });
        using var browser = app.CreateBrowser();
        var challenge = await browser.GetAsync("/protected");
        var page = await browser.GetAsync(browser.Location(challenge).ToString());
        var cancel = await browser.PostFormAsync(app.Emulator.BaseUrl + "user_management/authorize/complete",
            HttpAssertions.Query(browser.Location(challenge)).ToDictionary(p => p.Key, p => p.Value.ToString())
                .Append(new KeyValuePair<string, string>("action", "cancel")).ToDictionary());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var response = await browser.GetAsync(browser.Location(cancel).PathAndQuery);

        Assert.Equal("/why-sign-in", response.Headers.Location!.OriginalString);
        Assert.False(response.SetsSessionCookie());
    }
}
