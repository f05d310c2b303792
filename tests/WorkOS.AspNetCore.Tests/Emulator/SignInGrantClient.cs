using System.Net.Http.Json;
using System.Text.Json;
using WorkOS.AspNetCore.Emulator;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>Calls the custom sign-in grants of <c>POST /user_management/authenticate</c> the way an app's own pages would.</summary>
internal sealed class SignInGrantClient(WorkOSEmulator emulator) : IDisposable
{
    public const string PasswordGrant = "password";
    public const string MagicAuthGrant = "urn:workos:oauth:grant-type:magic-auth:code";
    public const string EmailVerificationGrant = "urn:workos:oauth:grant-type:email-verification:code";
    public const string OrganizationSelectionGrant = "urn:workos:oauth:grant-type:organization-selection";
    public const string TotpGrant = "urn:workos:oauth:grant-type:mfa-totp";

    public AuthKitClient Api { get; } = new(emulator);

    public async Task<(System.Net.HttpStatusCode Status, JsonElement Body)> GrantAsync(string grantType, object fields)
    {
        var body = new Dictionary<string, object?>
        {
            ["grant_type"] = grantType,
            ["client_id"] = emulator.ClientId,
            ["client_secret"] = emulator.ApiKey,
        };
        foreach (var property in JsonSerializer.SerializeToElement(fields).EnumerateObject())
        {
            body[property.Name] = property.Value;
        }

        using var response = await Api.Http.PostAsJsonAsync("/user_management/authenticate", body);
        return (response.StatusCode, await AuthKitClient.ReadJsonAsync(response));
    }

    public Task<(System.Net.HttpStatusCode Status, JsonElement Body)> PasswordAsync(string email, string password = EmulatorSeed.DefaultPassword, object? extra = null) =>
        GrantAsync(PasswordGrant, Merge(new { email, password, ip_address = "203.0.113.7", user_agent = "GrantTests/1.0" }, extra));

    /// <summary>The last email in the outbox for an address.</summary>
    public EmulatorEmail LastEmailTo(string email, EmulatorEmailKind kind) =>
        emulator.Outbox.Last(e => e.To == email && e.Kind == kind);

    private static Dictionary<string, JsonElement> Merge(object fields, object? extra)
    {
        var merged = JsonSerializer.SerializeToElement(fields).EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(extra).EnumerateObject())
            {
                merged[property.Name] = property.Value;
            }
        }

        return merged;
    }

    public void Dispose() => Api.Dispose();
}
