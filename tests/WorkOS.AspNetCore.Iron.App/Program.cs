using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;

// An app with AuthKit sign-in whose session cookie is iron-sealed (SessionCookieFormat Iron), as authkit-nextjs writes
// it. Configured by environment variables: WORKOS_COOKIE_PASSWORD, WORKOS_CLIENT_ID, WORKOS_API_KEY,
// WorkOS__ApiBaseUrl (the emulator), WorkOS__AllowHttpApiBaseUrl, WorkOS__SessionCookieFormat and Urls. /me answers the
// signed-in user's claims as JSON.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
builder.Services.AddWorkOSAuthKit(builder.Configuration);
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapWorkOSAuthKit();
app.MapGet("/me", (ClaimsPrincipal user) => Results.Json(user.Claims
        .GroupBy(c => c.Type)
        .ToDictionary(g => g.Key, g => g.Select(c => c.Value).ToArray())))
    .RequireAuthorization();

await app.StartAsync();
Console.Out.WriteLine($"Iron app listening on {app.Urls.First()}");
await app.WaitForShutdownAsync();
