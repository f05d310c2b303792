using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Sample;

/// <summary>Starts the local AuthKit emulator when no WorkOS credentials are configured, and points the app at it.</summary>
internal static class OfflineEmulator
{
    public static async Task<WorkOSEmulator?> StartIfNeededAsync(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var configured = !string.IsNullOrEmpty(configuration["WorkOS:ClientId"]) || !string.IsNullOrEmpty(configuration["WORKOS_CLIENT_ID"]);
        if (configured)
        {
            return null;
        }

        var port = configuration.GetValue("Emulator:Port", 0);
        var emulator = await WorkOSEmulator.StartAsync(port: port);
        configuration["WorkOS:ClientId"] = emulator.ClientId;
        configuration["WorkOS:ApiKey"] = emulator.ApiKey;
        configuration["WorkOS:ApiBaseUrl"] = emulator.BaseUrl.ToString().TrimEnd('/');

        Console.WriteLine($"""

            No WorkOS credentials are configured (WorkOS:ClientId / WORKOS_CLIENT_ID), so this sample uses the
            local AuthKit emulator at {emulator.BaseUrl}. Open the app and sign in as one of:
            {string.Join(Environment.NewLine, emulator.Options.Seed.Users.Select(u => $"  - {u.Email} ({u.FirstName} {u.LastName})"))}
            Set WorkOS:ClientId and WorkOS:ApiKey (or WORKOS_CLIENT_ID / WORKOS_API_KEY) to use real WorkOS.

            """);
        return emulator;
    }
}
