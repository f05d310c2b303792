using System.Text;
using WorkOS.AspNetCore.Emulator;

namespace WorkOS.AspNetCore.Emulator.Tool;

/// <summary>What the emulator prints at start: where it listens, the credentials to configure, and who can sign in.</summary>
internal static class Banner
{
    public static string For(WorkOSEmulator emulator, string? seedPath)
    {
        var seed = emulator.Options.Seed;
        var baseUrl = emulator.BaseUrl.ToString().TrimEnd('/');
        var text = new StringBuilder();
        text.AppendLine($"WorkOS emulator listening on {emulator.BaseUrl}");
        text.AppendLine($"  API base URL  {baseUrl}");
        text.AppendLine($"  client id     {emulator.ClientId}");
        text.AppendLine($"  API key       {emulator.ApiKey}");
        text.AppendLine($"  JWKS          {baseUrl}/sso/jwks/{emulator.ClientId}");
        text.AppendLine($"  issuer        {emulator.Options.Issuer}");
        text.AppendLine($"  token life    {emulator.Options.AccessTokenLifetime}");
        text.AppendLine($"  seed          {seedPath ?? "built-in (Acme and Globex)"}");
        text.AppendLine($"  control API   {(emulator.Options.EnableControlApi ? $"{baseUrl}/_emulator/ (loopback callers only)" : "off")}");
        text.AppendLine();
        text.AppendLine("Users (sign in with login_hint=<email>, or choose one on the hosted sign-in page):");
        foreach (var user in seed.Users)
        {
            var name = $"{user.FirstName} {user.LastName}".Trim();
            var memberships = seed.Memberships
                .Where(m => m.UserId == user.Id || string.Equals(m.UserId, user.Email, StringComparison.OrdinalIgnoreCase))
                .Select(m => $"{m.OrganizationId}: {(m.Roles.Count > 0 ? string.Join("+", m.Roles) : "member")}{(m.Status is "active" or "" ? "" : $" ({m.Status})")}");
            var errors = seed.AuthenticationErrors
                .Where(e => e.UserId == user.Id || string.Equals(e.UserId, user.Email, StringComparison.OrdinalIgnoreCase))
                .Select(e => $" [{e.Error}{(e.RefreshOnly ? " on refresh" : "")}]");
            text.AppendLine($"  {user.Email,-28} {user.Id ?? "(generated id)",-16} {name,-20} {string.Join(", ", memberships)}{string.Concat(errors)}");
        }

        if (seed.ApiKeys.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("API keys of your customers (POST /api_keys/validations):");
            foreach (var key in seed.ApiKeys)
            {
                text.AppendLine($"  {key.Value,-28} {key.OwnerType} {key.OwnerId}: {string.Join(", ", key.Permissions)}");
            }
        }

        text.AppendLine();
        text.AppendLine("Press Ctrl+C to stop.");
        return text.ToString();
    }
}
