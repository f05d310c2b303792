namespace WorkOS.AspNetCore.Tests.Reliability;

/// <summary>
/// Mutations of a callback query (<c>code</c>, <c>state</c>, <c>error</c>), kept as raw <c>name=value</c> pairs so
/// that encodings reach the server as written. Each one breaks the code or the state, or adds an error WorkOS would
/// send, so no mutated callback is a valid sign-in.
/// </summary>
internal static class QueryMutations
{
    private static readonly string[] Errors =
        ["access_denied", "server_error", "oauth_failed", "connection_invalid", "organization_invalid", "x", "ACCESS_DENIED", "access_denied ", "%00"];

    public static List<KeyValuePair<string, string>> Parse(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.IndexOf('=') is var i and >= 0 ? KeyValuePair.Create(p[..i], p[(i + 1)..]) : KeyValuePair.Create(p, ""))
            .ToList();

    public static string Format(IEnumerable<KeyValuePair<string, string>> pairs) => string.Join('&', pairs.Select(p => p.Key + "=" + p.Value));

    /// <summary>
    /// Applies one to three mutations. No <c>+</c> goes inside a value: it decodes to a space, which the base64
    /// decoder of the protected state skips, so it would leave the state as it was. Returns their description.
    /// </summary>
    public static string Mutate(Random random, List<KeyValuePair<string, string>> query, string otherState, bool stateOnly)
    {
        var applied = new List<string>();
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            applied.Add(MutateOnce(random, query, otherState, stateOnly));
        }

        return string.Join(" + ", applied);
    }

    private static string MutateOnce(Random random, List<KeyValuePair<string, string>> query, string otherState, bool stateOnly)
    {
        var name = stateOnly || random.Next(2) == 0 ? "state" : "code";
        var index = query.FindIndex(p => p.Key == name);
        var value = index >= 0 ? query[index].Value : "";

        // Every occurrence gets the new value: the framework joins repeated parameters and skips empty ones, so
        // code=&code=X is code X, and a mutation of one copy alone could leave the valid one standing.
        void Set(string newValue)
        {
            if (index < 0)
            {
                query.Add(KeyValuePair.Create(name, newValue));
                return;
            }

            for (var i = 0; i < query.Count; i++)
            {
                if (query[i].Key == name)
                {
                    query[i] = KeyValuePair.Create(name, newValue);
                }
            }
        }

        switch (random.Next(stateOnly ? 9 : 13))
        {
            case 0:
                Set(Mutations.Truncate(random, value));
                return $"truncate {name}";
            case 1:
                Set(Mutations.FlipChar(random, value));
                return $"flip a character of {name}";
            case 2:
                Set(name == "state" ? Mutations.FlipDecodedBit(random, value) : Mutations.FlipChar(random, value));
                return $"flip a bit of {name}";
            case 3:
                Set(Mutations.Huge(random));
                return $"huge {name}";
            case 4:
                Set(Mutations.InsertInside(random, value, Mutations.BadEncoding(random)));
                return $"invalid encoding in {name}";
            case 5:
                Set("");
                return $"empty {name}";
            case 6:
                Set(Mutations.InsertInside(random, value, Mutations.ForeignChar(random)));
                return $"foreign character in {name}";
            case 7:
                Set(otherState);
                return "state of another sign-in";
            case 8:
                Set(Mutations.InsertInside(random, value, random.Pick(["&", "#", "=", ",", ";"])));
                return $"separator inside {name}";
            case 9:
                query.RemoveAll(p => p.Key == name);
                return $"remove {name}";
            case 10:
                var copy = KeyValuePair.Create(name, random.Next(2) == 0 ? value : Mutations.FlipChar(random, value));
                query.Insert(random.Next(query.Count + 1), copy);
                return $"duplicate {name}";
            case 11:
                query.Add(KeyValuePair.Create("error", random.Pick(Errors)));
                if (random.Next(2) == 0)
                {
                    query.Add(KeyValuePair.Create("error_description", random.Next(2) == 0 ? Mutations.Huge(random) : "a%0D%0Aforged%20line%C3%28"));
                }

                return "add an error";
            default:
                var mangled = Mutations.InsertInside(random, name, Mutations.BadEncoding(random));
                for (var i = 0; i < query.Count; i++)
                {
                    if (query[i].Key == name)
                    {
                        query[i] = KeyValuePair.Create(mangled, query[i].Value);
                    }
                }

                return $"invalid encoding in the name {name}";
        }
    }
}
