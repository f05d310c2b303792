using System.Globalization;

namespace WorkOS.AspNetCore.Emulator.Tool;

/// <summary>The emulator's command-line options.</summary>
internal sealed record CommandLine
{
    public const int DefaultPort = 5081;

    public int Port { get; init; } = DefaultPort;

    public string? SeedPath { get; init; }

    public string? ClientId { get; init; }

    public string? ApiKey { get; init; }

    public TimeSpan? AccessTokenLifetime { get; init; }

    public string? Issuer { get; init; }

    public IReadOnlyList<string> RedirectUris { get; init; } = [];

    public IReadOnlyList<string> LogoutRedirectUris { get; init; } = [];

    public bool ControlApi { get; init; } = true;

    public bool ShowHelp { get; init; }

    public const string Usage = """
        Usage: workos-emulator [options]

        Runs a local WorkOS AuthKit emulator on 127.0.0.1 for developing and testing any WorkOS client offline.

        Options:
          --port <port>              TCP port on 127.0.0.1 (default 5081; 0 picks a free one)
          --seed <file>              JSON seed: users, organizations, roles, memberships, api_keys, resource_roles,
                                     resources, role_assignments (default: the built-in Acme/Globex seed)
          --client-id <id>           the client id to accept (default client_emulator)
          --api-key <key>            the API key to accept, also the client secret (default sk_test_emulator)
          --token-lifetime <time>    access token lifetime, in seconds or as hh:mm:ss (default 5 minutes)
          --issuer <url>             the iss claim (default {url}/user_management/{client id})
          --redirect-uri <uri>       a registered redirect URI; repeat for several (default: any loopback URI)
          --logout-uri <uri>         a registered sign-out return URI; repeat for several (default: any loopback URI)
          --no-control-api           do not answer the control API under /_emulator/ (on by default, loopback only)
          -h, --help                 show this help

        The first line printed is "WorkOS emulator listening on <url>". Stop with Ctrl+C or SIGTERM.
        """;

    /// <summary>Parses the arguments; throws <see cref="FormatException"/> with a message for the user.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var result = new CommandLine();
        var redirects = new List<string>();
        var logouts = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inline) = arg.Split('=', 2) is [var n, var v] && n.StartsWith("--", StringComparison.Ordinal) ? (n, v) : (arg, null);
            string Value() => inline ?? (i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value."));
            result = name switch
            {
                "-h" or "--help" or "-?" => result with { ShowHelp = true },
                "--port" => result with { Port = ParsePort(Value()) },
                "--no-control-api" => result with { ControlApi = false },
                "--seed" => result with { SeedPath = Value() },
                "--client-id" => result with { ClientId = NotEmpty(name, Value()) },
                "--api-key" => result with { ApiKey = NotEmpty(name, Value()) },
                "--token-lifetime" => result with { AccessTokenLifetime = ParseLifetime(Value()) },
                "--issuer" => result with { Issuer = NotEmpty(name, Value()) },
                "--redirect-uri" => Add(result, redirects, Absolute(name, Value())),
                "--logout-uri" => Add(result, logouts, Absolute(name, Value())),
                _ => throw new FormatException($"Unknown option '{arg}'."),
            };
        }

        return result with { RedirectUris = redirects, LogoutRedirectUris = logouts };
    }

    private static CommandLine Add(CommandLine result, List<string> list, string value)
    {
        list.Add(value);
        return result;
    }

    private static int ParsePort(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new FormatException($"--port must be a number from 0 to 65535, not '{value}'.");

    private static TimeSpan ParseLifetime(string value)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var lifetime) && lifetime > TimeSpan.Zero
            ? lifetime
            : throw new FormatException($"--token-lifetime must be a positive number of seconds or hh:mm:ss, not '{value}'.");
    }

    private static string NotEmpty(string name, string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new FormatException($"{name} must not be empty.") : value;

    private static string Absolute(string name, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out _) ? value : throw new FormatException($"{name} must be an absolute URI, not '{value}'.");
}
