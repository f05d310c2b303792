using System.Net;
using WorkOS.AspNetCore.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WorkOS.AspNetCore.Tests.Reliability;

/// <summary>
/// The fuzzer over the sign-in callback's query: each case is a real sign-in stopped before its callback, whose
/// <c>code</c>, <c>state</c> or <c>error</c> parameters are then mutated (truncated, flipped, duplicated, huge,
/// badly encoded, empty, removed). See <see cref="FuzzSettings"/> for the seed and count.
/// </summary>
public sealed class CallbackQueryFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Mutated_callback_queries_never_sign_anyone_in_never_answer_500_and_let_no_exception_escape()
    {
        await using var fuzz = await FuzzApp.StartAsync();
        var run = new FuzzRun("callback query", 1, fuzz, output);
        var otherState = "";
        for (var i = 0; i < FuzzRun.Cases; i++)
        {
            var random = run.Random(i);
            var (callback, cookies) = await fuzz.StartSignInAsync("alice@acme.com");
            var query = QueryMutations.Parse(callback.Query);
            var state = query.Single(p => p.Key == "state").Value;
            var mutation = i == 0 ? "none (control)" : QueryMutations.Mutate(random, query, otherState, stateOnly: false);
            otherState = state;
            var url = callback.GetLeftPart(UriPartial.Path) + "?" + QueryMutations.Format(query);

            var response = await run.SendAsync(i, mutation, url, () => SendAsync(fuzz, url, cookies));
            if (response is null)
            {
                continue;
            }

            run.Expect(i, mutation, url, response, await SignsInAsync(fuzz, response), CallbackStatuses(query));
        }

        run.AssertClean();
    }

    internal static async Task<HttpResponseMessage> SendAsync(FuzzApp fuzz, string url, string cookies)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Cookie", cookies);
        request.Headers.TryAddWithoutValidation("Accept", "text/html");
        return await fuzz.Raw.SendAsync(request);
    }

    /// <summary>A callback signs in when it sets the session cookie and that cookie opens the protected page.</summary>
    internal static async Task<bool> SignsInAsync(FuzzApp fuzz, HttpResponseMessage callback)
    {
        if (!callback.SetsSessionCookie())
        {
            return false;
        }

        var session = string.Join("; ", callback.SetCookies().Select(c => c[..c.IndexOf(';', StringComparison.Ordinal)]));
        var page = new HttpRequestMessage(HttpMethod.Get, "/protected");
        page.Headers.TryAddWithoutValidation("Cookie", session);
        return (await fuzz.Raw.SendAsync(page)).StatusCode == HttpStatusCode.OK;
    }

    /// <summary>
    /// A refused callback is 400 (bad state, code or request), 403 (access denied) or a redirect to a new sign-in
    /// (no state); 502 only when the callback itself says WorkOS failed (<c>error=server_error</c>).
    /// </summary>
    internal static int[] CallbackStatuses(List<KeyValuePair<string, string>> query) =>
        query.Any(p => p.Key == "error" && p.Value == "server_error") ? [302, 400, 403, 502] : [302, 400, 403];
}
