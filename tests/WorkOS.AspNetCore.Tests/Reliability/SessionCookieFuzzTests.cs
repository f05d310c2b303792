using System.Net;
using WorkOS.AspNetCore.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WorkOS.AspNetCore.Tests.Reliability;

/// <summary>
/// The fuzzer over the session cookie, chunked (Bob and Carol, 300 permissions) and whole (Alice): pieces flipped,
/// truncated, dropped, reordered, swapped between two users, replaced by an older cookie of the session whose refresh
/// token is spent, or by the cookie of a signed-out session, oversized, duplicated and miscounted. The protected page
/// must not open for any of them. See <see cref="FuzzSettings"/> for the seed and count.
/// </summary>
public sealed class SessionCookieFuzzTests(ITestOutputHelper output)
{
    private const string Cookie = WorkOSAuthKitDefaults.SessionCookieName;

    private static readonly string[] Counts = ["chunks-0", "chunks--1", "chunks-x", "chunks-99999", "chunks-2147483648", "chunks-", "chunks-1e3", "chunks- 2"];

    [Fact]
    public async Task Mutated_session_cookies_never_sign_anyone_in_never_answer_500_and_let_no_exception_escape()
    {
        await using var fuzz = await FuzzApp.StartAsync();
        var run = new FuzzRun("session cookie", 3, fuzz, output);

        // Bob's cookie before and after a refresh: a minute after it, the old one's token has expired and its refresh
        // token was spent beyond the grace period.
        var (bob, stale) = await fuzz.SignInAsync("bob@acme.com", FuzzApp.ChunkedOrganization);
        using var bobBrowser = bob;
        fuzz.App.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/protected")).StatusCode);
        var current = FuzzApp.SessionCookies(bob);
        Assert.NotEqual(FuzzApp.CookieHeader(stale), FuzzApp.CookieHeader(current));
        fuzz.App.Clock.Advance(TimeSpan.FromMinutes(1));
        var (carolBrowser, carol) = await fuzz.SignInAsync("carol@globex.com");
        using var carolBrowserInUse = carolBrowser;
        var (aliceBrowser, alice) = await fuzz.SignInAsync("alice@acme.com");
        using var aliceBrowserInUse = aliceBrowser;
        var (signedOutBrowser, signedOut) = await fuzz.SignInAsync("alice@acme.com");
        using var signedOutBrowserInUse = signedOutBrowser;
        var signOut = await signedOutBrowser.SubmitFormAsync("/auth/sign-out", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.True(current.Count > 2 && carol.Count > 2, "Bob's and Carol's sessions should be chunked");
        List<KeyValuePair<string, string>>[] bases = [current, carol, alice];

        for (var i = 0; i < FuzzRun.Cases; i++)
        {
            var random = run.Random(i);
            var which = i == 0 ? 0 : random.Next(bases.Length);
            var cookies = bases[which].ToList();
            var other = bases[which == 1 ? 0 : 1];
            var mutation = i == 0
                ? "none (control)"
                : $"{(which == 2 ? "whole" : "chunked")}: " + string.Join(" + ", Enumerable.Range(0, random.Next(1, 3))
                    .Select(_ => Mutate(random, cookies, other, which == 0 ? stale : null, signedOut)));
            var header = FuzzApp.CookieHeader(cookies);
            if (i > 0 && header == FuzzApp.CookieHeader(bases[which]))
            {
                // Two mutations that undid each other (the same pieces swapped twice).
                var first = cookies.FindIndex(c => !c.Value.StartsWith("chunks-", StringComparison.Ordinal));
                cookies[first] = KeyValuePair.Create(cookies[first].Key, Mutations.FlipChar(random, cookies[first].Value));
                mutation += " + flip a character";
                header = FuzzApp.CookieHeader(cookies);
            }

            var response = await run.SendAsync(i, mutation, header, () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "/protected");
                request.Headers.TryAddWithoutValidation("Cookie", header);
                return fuzz.Raw.SendAsync(request);
            });
            if (response is not null)
            {
                run.Expect(i, mutation, header, response, response.StatusCode == HttpStatusCode.OK, 302, 401, 403);
            }
        }

        run.AssertClean();
    }

    private static string Mutate(Random random, List<KeyValuePair<string, string>> cookies, List<KeyValuePair<string, string>> other,
        List<KeyValuePair<string, string>>? stale, List<KeyValuePair<string, string>> signedOut)
    {
        var data = cookies.Select((c, i) => (c, i)).Where(x => !x.c.Value.StartsWith("chunks-", StringComparison.Ordinal)).Select(x => x.i).ToList();
        if (data.Count == 0)
        {
            cookies.Add(KeyValuePair.Create(Cookie, Mutations.Huge(random)));
            return "huge cookie";
        }

        var at = random.Pick(data);
        var (name, value) = cookies[at];
        void Set(int index, string newValue) => cookies[index] = KeyValuePair.Create(cookies[index].Key, newValue);

        switch (random.Next(15))
        {
            case 0:
                // Never the last character of the whole value, whose low bits may be unused.
                Set(at, at == data[^1] ? Mutations.FlipChar(random, value) : Mutations.FlipChar(random, value + "A")[..^1]);
                return $"flip a character of {name}";
            case 1:
                var joined = string.Concat(data.Select(d => cookies[d].Value));
                var flipped = Mutations.FlipDecodedBit(random, joined);
                var offset = 0;
                foreach (var d in data)
                {
                    var length = cookies[d].Value.Length;
                    Set(d, flipped.Substring(offset, Math.Min(length, flipped.Length - offset)));
                    offset += length;
                }

                return "flip a bit of the sealed session";
            case 2:
                Set(at, Mutations.Truncate(random, value));
                return $"truncate {name}";
            case 3:
                cookies.RemoveAt(random.Next(cookies.Count));
                return "drop a piece";
            case 4:
                var theirs = other.FindIndex(c => c.Key == name);
                Set(at, theirs >= 0 && other[theirs].Value != value ? other[theirs].Value : Mutations.FlipChar(random, value));
                return $"{name} from another user's cookie";
            case 5:
                var head = cookies.FindIndex(c => c.Key == Cookie);
                var pieces = data.Count;
                var count = random.Pick(Counts.Append($"chunks-{pieces + 1}").Append($"chunks-{Math.Max(0, pieces - 1)}").ToArray());
                if (head >= 0 && cookies[head].Value.StartsWith("chunks-", StringComparison.Ordinal))
                {
                    Set(head, count);
                }
                else
                {
                    cookies.Insert(0, KeyValuePair.Create(Cookie, count));
                    cookies.RemoveAll(c => c.Key == Cookie && !c.Value.StartsWith("chunks-", StringComparison.Ordinal));
                }

                return $"piece count {count}";
            case 6:
                if (stale is null)
                {
                    cookies.Clear();
                    cookies.AddRange(signedOut);
                    return "cookie of a signed-out session";
                }

                if (random.Next(2) == 0)
                {
                    cookies.Clear();
                    cookies.AddRange(stale);
                    return "the older cookie, refresh token spent";
                }

                var old = stale.FindIndex(c => c.Key == name);
                Set(at, old >= 0 && stale[old].Value != value ? stale[old].Value : Mutations.FlipChar(random, value));
                return $"{name} from the older cookie";
            case 7:
                cookies.Clear();
                cookies.AddRange(signedOut);
                return "cookie of a signed-out session";
            case 8:
                Set(at, value + Mutations.Huge(random));
                return $"oversized {name}";
            case 9:
                var extra = random.Next(10, 60);
                cookies.RemoveAll(c => c.Key == Cookie);
                cookies.Insert(0, KeyValuePair.Create(Cookie, $"chunks-{data.Count + extra}"));
                for (var e = 1; e <= extra; e++)
                {
                    cookies.Add(KeyValuePair.Create($"{Cookie}C{data.Count + e}", Mutations.Huge(random)[..4000]));
                }

                return $"{extra} extra pieces";
            case 10:
                Set(at, Mutations.FlipChar(random, value));
                cookies.Insert(random.Next(cookies.Count + 1), KeyValuePair.Create(name, random.Pick(stale ?? signedOut).Value));
                return $"two {name} cookies, neither valid";
            case 11:
                Set(at, Mutations.InsertInside(random, value, Mutations.ForeignChar(random)));
                return $"foreign character in {name}";
            case 12:
                Set(at, Mutations.InsertInside(random, value, Mutations.BadEncoding(random)));
                return $"invalid encoding in {name}";
            case 13:
                Set(at, "");
                return $"empty {name}";
            default:
                var a = data[random.Next(data.Count)];
                var b = data.Where(d => d != a && cookies[d].Value != cookies[a].Value).DefaultIfEmpty(-1).First();
                if (b < 0)
                {
                    Set(at, Mutations.InsertInside(random, value, "."));
                    return $"dot inside {name}";
                }

                (var va, var vb) = (cookies[a].Value, cookies[b].Value);
                Set(a, vb);
                Set(b, va);
                return "two pieces swapped";
        }
    }
}
