using Xunit.Abstractions;

namespace WorkOS.AspNetCore.Tests.Reliability;

/// <summary>
/// The fuzzer over what binds a sign-in to its browser: the protected <c>state</c> and the pending-sign-in cookie
/// (flipped, truncated, dropped, swapped with another browser's, buried in an oversized cookie, duplicated, replayed
/// after the sign-in finished). Each case starts from a real sign-in stopped before its callback; the code stays valid,
/// so only the state and the cookie can refuse it. See <see cref="FuzzSettings"/> for the seed and count.
/// </summary>
public sealed class SignInStateFuzzTests(ITestOutputHelper output)
{
    private const string Pending = WorkOSAuthKitDefaults.PendingSignInCookieName;

    [Fact]
    public async Task Mutated_state_and_pending_sign_in_cookies_never_sign_anyone_in_never_answer_500_and_let_no_exception_escape()
    {
        await using var fuzz = await FuzzApp.StartAsync();
        var run = new FuzzRun("state and pending sign-in cookie", 2, fuzz, output);
        var other = (State: "", Nonces: "");
        for (var i = 0; i < FuzzRun.Cases; i++)
        {
            var random = run.Random(i);
            var (callback, cookieHeader) = await fuzz.StartSignInAsync("alice@acme.com");
            var query = QueryMutations.Parse(callback.Query);
            var cookies = QueryMutations.Parse(cookieHeader.Replace("; ", "&", StringComparison.Ordinal));
            var nonces = cookies.Single(c => c.Key == Pending).Value;
            var state = query.Single(p => p.Key == "state").Value;

            string mutation;
            if (i == 0)
            {
                mutation = "none (control)";
            }
            else if (random.Next(8) == 0)
            {
                // The browser's own callback, answered once, sent again with the cookie it had before.
                var first = await CallbackQueryFuzzTests.SendAsync(fuzz, callback.ToString(), cookieHeader);
                mutation = $"replay a finished callback (first answered {(int)first.StatusCode})";
            }
            else
            {
                var parts = new List<string>();
                var what = random.Next(3);
                if (what != 1)
                {
                    parts.Add(QueryMutations.Mutate(random, query, other.State, stateOnly: true));
                }

                if (what != 0)
                {
                    parts.Add(MutatePending(random, cookies, other.Nonces));
                }

                mutation = string.Join(" + ", parts);
            }

            other = (state, nonces);
            var url = callback.GetLeftPart(UriPartial.Path) + "?" + QueryMutations.Format(query);
            var sentCookies = string.Join("; ", cookies.Select(c => c.Key + "=" + c.Value));
            var input = url + "\n    cookie: " + sentCookies;

            var response = await run.SendAsync(i, mutation, input, () => CallbackQueryFuzzTests.SendAsync(fuzz, url, sentCookies));
            if (response is null)
            {
                continue;
            }

            run.Expect(i, mutation, input, response, await CallbackQueryFuzzTests.SignsInAsync(fuzz, response), CallbackQueryFuzzTests.CallbackStatuses(query));
        }

        run.AssertClean();
    }

    /// <summary>Breaks the pending-sign-in cookie's nonce: every mutation leaves the cookie without it, or unreadable.</summary>
    private static string MutatePending(Random random, List<KeyValuePair<string, string>> cookies, string otherNonces)
    {
        var index = cookies.FindIndex(c => c.Key == Pending);
        var value = index >= 0 ? cookies[index].Value : "";
        void Set(string newValue)
        {
            if (index >= 0)
            {
                cookies[index] = KeyValuePair.Create(Pending, newValue);
            }
            else
            {
                cookies.Add(KeyValuePair.Create(Pending, newValue));
            }
        }

        switch (random.Next(11))
        {
            case 0:
                Set(Mutations.FlipChar(random, value));
                return "flip a character of the pending cookie";
            case 1:
                Set(Mutations.Truncate(random, value));
                return "truncate the pending cookie";
            case 2:
                cookies.RemoveAll(c => c.Key == Pending);
                return "drop the pending cookie";
            case 3:
                Set("");
                return "empty pending cookie";
            case 4:
                Set(otherNonces);
                return "pending cookie of another browser";
            case 5:
                Set(Mutations.Huge(random));
                return "huge pending cookie";
            case 6:
                // Valid nonces, then more than the cookie may hold: read as nothing rather than searched.
                Set(value + "." + string.Join('.', Enumerable.Range(0, 40).Select(_ => Mutations.Huge(random)[..22])));
                return "the nonce in an oversized pending cookie";
            case 7:
                Set(Mutations.InsertInside(random, value, Mutations.ForeignChar(random)));
                return "foreign character in the pending cookie";
            case 8:
                Set(Mutations.InsertInside(random, value, "."));
                return "the nonce split in two";
            case 9:
                // Two cookies of one name (as a sibling domain can add): the browser sends both, so neither may
                // carry this sign-in's nonce.
                Set(Mutations.FlipChar(random, value));
                cookies.Insert(random.Next(cookies.Count + 1), KeyValuePair.Create(Pending, otherNonces));
                return "two pending cookies, neither of this sign-in";
            default:
                Set(Mutations.InsertInside(random, value, Mutations.BadEncoding(random)));
                return "invalid encoding in the pending cookie";
        }
    }
}
