namespace WorkOS.AspNetCore.Tests.SignIn;

/// <summary>A sign-in WorkOS answers with <c>sso_required</c>: the page is told which connections may sign the user in.</summary>
public sealed class SsoRequiredTests
{
    [Fact]
    public async Task Sso_required_answers_RequiresSso_with_the_connections_and_no_pending_step()
    {
        await using var app = await SignInApp.StartAsync();
        app.Emulator.InjectFault("POST", "/user_management/authenticate", 400,
            """{"error":"sso_required","error_description":"User must authenticate using one of the matching connections.","connection_ids":["conn_acme_saml","<script>"]}""");
        var browser = app.CreateBrowser();

        var page = await browser.PostAsync("/signin/password", ("email", "bob@acme.com"), ("password", "irrelevant"), ("returnUrl", "/reports"));

        Assert.Equal("RequiresSso", page.Status);
        Assert.Equal(["conn_acme_saml"], page.SsoConnectionIds);
        Assert.Null(page.PendingStep);
        Assert.Equal("/reports", page.ReturnUrl);
    }
}
