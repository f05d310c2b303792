using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace WorkOS.AspNetCore.Tests.Reliability;

/// <summary>
/// The fuzzer over the <c>Authorization</c> header of the bearer scheme, starting from a real signed-in user's access
/// token: header <c>alg</c>/<c>kid</c> changed, payload claims changed with the signature kept, another user's payload
/// under this signature, signatures flipped or cut, <c>none</c>, whitespace inside the token, other schemes, several
/// headers, extra parts. See <see cref="FuzzSettings"/> for the seed and count.
/// </summary>
public sealed class BearerHeaderFuzzTests(ITestOutputHelper output)
{
    private static readonly JsonNode?[] Algorithms = ["none", "None", "NONE", "HS256", "RS384", "RS512", "PS256", "ES256", "", "RS256 ", "rs256", 256, null];

    private static readonly (string Claim, JsonNode? Value)[] Claims =
    [
        ("sub", "user_bob"), ("sid", "session_other"), ("org_id", "org_globex"), ("role", "owner"), ("exp", 4_102_444_800L),
        ("exp", null), ("iss", "https://evil.example"), ("aud", "client_other"), ("permissions", new JsonArray("posts:write", "billing:admin")),
        ("act", new JsonObject { ["sub"] = "user_bob" }), ("nbf", 0), ("iat", "yesterday"), ("sub", null), ("sub", ""),
    ];

    [Fact]
    public async Task Mutated_bearer_headers_never_sign_anyone_in_never_answer_500_and_let_no_exception_escape()
    {
        await using var fuzz = await FuzzApp.StartAsync();
        var run = new FuzzRun("bearer header", 4, fuzz, output);
        var alice = await TokenAsync(fuzz, "alice@acme.com");
        var bob = await TokenAsync(fuzz, "bob@acme.com");

        for (var i = 0; i < FuzzRun.Cases; i++)
        {
            var random = run.Random(i);
            var (mutation, headers) = i == 0 ? ("none (control)", ["Bearer " + alice]) : Mutate(random, alice, bob);
            var input = string.Join("\n    Authorization: ", headers);

            var response = await run.SendAsync(i, mutation, input, () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
                request.Headers.TryAddWithoutValidation("Authorization", headers);
                return fuzz.Raw.SendAsync(request);
            });
            if (response is not null)
            {
                run.Expect(i, mutation, input, response, response.StatusCode == HttpStatusCode.OK, 401, 403);
            }
        }

        run.AssertClean();
    }

    private static async Task<string> TokenAsync(FuzzApp fuzz, string email)
    {
        var (browser, _) = await fuzz.SignInAsync(email);
        using (browser)
        {
            var token = await (await browser.GetAsync("/token")).Content.ReadAsStringAsync();
            Assert.Equal(3, token.Split('.').Length);
            return token;
        }
    }

    private static (string Mutation, string[] Headers) Mutate(Random random, string token, string other)
    {
        var parts = token.Split('.');
        var theirs = other.Split('.');
        string Join() => string.Join('.', parts);
        switch (random.Next(15))
        {
            case 0:
                var alg = random.Pick(Algorithms);
                parts[0] = EditJson(parts[0], json => json["alg"] = alg?.DeepClone());
                return ($"header alg {alg?.ToJsonString() ?? "null"}", ["Bearer " + Join()]);
            case 1:
                JsonNode? kid = random.Pick<JsonNode?>(["unknown", "", "../../../etc/passwd", new string('k', 5000), 7, new JsonArray("a"), null]);
                parts[0] = EditJson(parts[0], json => json["kid"] = kid?.DeepClone());
                var kidText = kid?.ToJsonString() ?? "null";
                return ($"header kid {kidText[..Math.Min(40, kidText.Length)]}", ["Bearer " + Join()]);
            case 2:
                var extra = random.Pick(["jku", "x5u", "jwk", "crit", "typ", "zip", "enc", "cty"]);
                parts[0] = EditJson(parts[0], json => json[extra] = extra == "jwk" ? new JsonObject { ["kty"] = "oct", ["k"] = "AAAA" } : "https://evil.example/keys");
                return ($"header {extra} added", ["Bearer " + Join()]);
            case 3:
                var (claim, value) = random.Pick(Claims);
                parts[1] = EditJson(parts[1], json => json[claim] = value?.DeepClone());
                return ($"payload {claim} changed, signature kept", ["Bearer " + Join()]);
            case 4:
                parts[1] = theirs[1];
                return ("another user's payload under this signature", ["Bearer " + Join()]);
            case 5:
                parts[2] = Mutations.FlipDecodedBit(random, parts[2]);
                return ("flip a bit of the signature", ["Bearer " + Join()]);
            case 6:
                var cut = random.Next(4);
                parts[2] = cut switch { 0 => "", 1 => Mutations.Truncate(random, parts[2]), 2 => theirs[2], _ => parts[2][..(parts[2].Length / 2)] + theirs[2][(parts[2].Length / 2)..] };
                return ($"signature {(cut switch { 0 => "empty", 1 => "truncated", 2 => "of another token", _ => "spliced" })}", ["Bearer " + Join()]);
            case 7:
                parts[0] = Encode(new JsonObject { ["alg"] = random.Pick(["none", "None"]), ["typ"] = "JWT" });
                var keep = random.Next(2) == 0;
                return ($"alg none, signature {(keep ? "kept" : "dropped")}", ["Bearer " + parts[0] + "." + parts[1] + "." + (keep ? parts[2] : "")]);
            case 8:
                var whitespace = random.Pick([" ", "\t", "  ", " . "]);
                return ("whitespace inside the token", ["Bearer " + Mutations.InsertInside(random, token, whitespace)]);
            case 9:
                var garbage = "Bearer " + Mutations.FlipChar(random, token);
                var headers = random.Next(3) switch
                {
                    0 => new[] { "Bearer " + token, "Bearer " + token },
                    1 => ["Bearer " + token, garbage],
                    _ => [garbage, "Bearer " + token],
                };
                return ("several Authorization headers", headers);
            case 10:
                var scheme = random.Pick(["Basic ", "Token ", "Bearer", "Bearer=", "Bearer:", "JWT ", "Bearer\u00a0"]);
                return ($"scheme '{scheme}'", [scheme + token]);
            case 11:
                var added = random.Pick([".", "..", "." + parts[1], "." + parts[2] + "." + parts[2], ".e30"]);
                return ($"extra parts '{added[..Math.Min(12, added.Length)]}'", ["Bearer " + token + added]);
            case 12:
                var part = random.Next(3);
                parts[part] = part == 2 ? Mutations.FlipChar(random, parts[2]) : Mutations.InsertInside(random, parts[part], random.Pick(["A", "=", "%", "*", "\u00e9"]));
                return ($"a character changed in part {part + 1}", ["Bearer " + Join()]);
            case 13:
                return ("token truncated", ["Bearer " + Mutations.Truncate(random, token)]);
            default:
                parts[1] += Mutations.Huge(random);
                return ("huge payload", ["Bearer " + Join()]);
        }
    }

    private static string EditJson(string part, Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(Base64Url.DecodeFromChars(part))!.AsObject();
        edit(json);
        return Encode(json);
    }

    private static string Encode(JsonNode json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));
}
