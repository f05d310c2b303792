using System.Net;
using WorkOS.AspNetCore.ApiKeys;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Tests.Bearer;

namespace WorkOS.AspNetCore.Tests.ApiKeys;

/// <summary>
/// WorkOS's answer about a key is remembered and handed to every request with that key (the in-memory tier of the
/// cache hands out the instance), so the app's events see it read-only: what one request's handler does to it
/// cannot grant the next request anything WorkOS did not.
/// </summary>
public sealed class ApiKeyAnswerImmutabilityTests
{
    private const string AcmeKey = "sk_acme_reports_emulator";

    [Fact]
    public async Task An_OnKeyValidated_handler_cannot_add_a_permission_to_the_remembered_answer_for_later_requests()
    {
        var refused = 0;
        await using var app = await ApiTestApp.StartAsync(WorkOSApiKeyDefaults.AuthenticationScheme, apiKey: o => o.Events.OnKeyValidated = context =>
        {
            // A handler that writes to what it was given, through the collection interface (as any method taking an
            // ICollection<string> would).
            try
            {
                ((ICollection<string>)context.ApiKey.Permissions).Add("posts:write");
            }
            catch (NotSupportedException)
            {
                refused++;
            }

            return Task.CompletedTask;
        });

        var first = await app.MeAsync(AcmeKey);
        var second = await app.MeAsync(AcmeKey);
        var post = await app.SendAsync(HttpMethod.Post, "/api/posts", AcmeKey);

        Assert.Equal(["reports:view"], first.Values(WorkOSClaimTypes.Permission));
        Assert.Equal(["reports:view"], second.Values(WorkOSClaimTypes.Permission));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(1, app.ValidationCalls); // the later requests were served the remembered answer
        Assert.Equal(3, refused);
    }
}
