using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.SignIn;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Tests.SignIn;

/// <summary>
/// The custom sign-in pages of the test apps: each form posts to <c>/signin/*</c>, which calls
/// <see cref="WorkOSSignInManager"/> and answers its result as JSON (what a Razor page would switch on and render).
/// </summary>
public static class SignInPages
{
    public static void Map(WebApplication app)
    {
        Post(app, "/signin/password", (m, c, f) => m.PasswordSignInAsync(c, f["email"], f["password"], Optional(f, "invitation"), Optional(f, "returnUrl")));
        Post(app, "/signin/magic/send", (m, _, f) => m.SendMagicAuthCodeAsync(f["email"], Optional(f, "invitation")));
        Post(app, "/signin/magic", (m, c, f) => m.MagicAuthSignInAsync(c, f["email"], f["code"], Optional(f, "invitation"), Optional(f, "returnUrl")));
        Post(app, "/signin/signup", (m, c, f) => m.SignUpAsync(c, new WorkOSSignUpRequest
        {
            Email = f["email"], Password = f["password"], FirstName = Optional(f, "firstName"), LastName = Optional(f, "lastName"),
            InvitationToken = Optional(f, "invitation"),
        }, Optional(f, "returnUrl")));
        Post(app, "/signin/verify-email", (m, c, f) => m.VerifyEmailAsync(c, f["step"], f["code"]));
        Post(app, "/signin/enroll", (m, c, f) => m.EnrollTotpAsync(c, f["step"], Optional(f, "issuer")));
        Post(app, "/signin/totp", (m, c, f) => m.VerifyTotpAsync(c, f["step"], f["code"]));
        Post(app, "/signin/organization", (m, c, f) => m.SelectOrganizationAsync(c, f["step"], f["organization"]));
        Post(app, "/signin/reset/send", (m, _, f) => m.SendPasswordResetAsync(f["email"]));
        Post(app, "/signin/reset", (m, c, f) => m.ResetPasswordAsync(c, f["token"], f["password"]));
        app.MapGet("/signin/invitation", async (HttpContext context, WorkOSSignInManager manager, string token) =>
            await manager.FindInvitationAsync(token) is { } invitation ? Results.Json(invitation) : Results.NotFound());
    }

    private static void Post(WebApplication app, string path, Func<WorkOSSignInManager, HttpContext, Dictionary<string, string>, Task<WorkOSSignInResult>> call) =>
        app.MapPost(path, async (HttpContext context, WorkOSSignInManager manager) =>
        {
            var form = (await context.Request.ReadFormAsync()).ToDictionary(p => p.Key, p => p.Value.ToString());
            var result = await call(manager, context, form);
            return Results.Json(new Page(result.Status.ToString(), result.ErrorCode, result.ErrorMessage, result.PendingStep, result.Email,
                result.Organizations, result.Totp, result.SsoConnectionIds, result.RetryAfter?.TotalSeconds, result.ReturnUrl,
                result.Principal?.GetWorkOSUserId(), result.Principal?.GetOrganizationId()));
        });

    private static string? Optional(Dictionary<string, string> form, string key) =>
        form.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    /// <summary>Posts a form of a sign-in page and reads the page's result.</summary>
    public static async Task<Page> PostAsync(this WorkOSTestClient browser, string path, params (string Key, string Value)[] fields)
    {
        var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))),
        });
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Page>(JsonOptions))!;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>What a sign-in page got back from the manager.</summary>
    public sealed record Page(string Status, string? ErrorCode, string? ErrorMessage, string? PendingStep, string? Email,
        IReadOnlyList<WorkOSOrganizationChoice> Organizations, WorkOSTotpEnrollment? Totp, IReadOnlyList<string> SsoConnectionIds,
        double? RetryAfterSeconds, string? ReturnUrl, string? UserId, string? OrganizationId);
}
