using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.JsonWebTokens;
using WorkOS.AspNetCore.Claims;

// One instance of a load-balanced AuthKit app. Everything comes from configuration (environment variables):
//   WorkOS__ClientId, WorkOS__ApiKey, WorkOS__ApiBaseUrl (the shared WorkOS), WorkOS__RefreshBuffer,
//   ScaleOut__Redis (the shared Redis, a StackExchange.Redis configuration string), ScaleOut__InstanceName, Urls.
var builder = WebApplication.CreateBuilder(args);
var instance = builder.Configuration["ScaleOut:InstanceName"] is { Length: > 0 } name ? name : Environment.MachineName;
var redis = builder.Configuration["ScaleOut:Redis"] is { Length: > 0 } configuration
    ? configuration
    : throw new InvalidOperationException("Set ScaleOut:Redis (ScaleOut__Redis) to the Redis the instances share.");

builder.Services.AddWorkOSAuthKit(builder.Configuration);
// What the instances share, on one Redis connection: the key ring, refresh coordination, the revoked-session list.
builder.Services.AddWorkOSStackExchangeRedis(options =>
{
    options.Configuration = redis;
    options.KeyPrefix = "scaleout:";
});
builder.Services.AddHealthChecks().AddWorkOSRedis();
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/", () => Results.Ok(new { instance }));
app.MapGet("/me", async Task<IResult> (HttpContext context) => Results.Ok(new
{
    userId = context.User.GetWorkOSUserId(),
    sessionId = context.User.GetWorkOSSessionId(),
    instance,
    // When the session's access token expires, so a client knows when the next refresh is due.
    accessTokenExpiresAt = await context.GetWorkOSAccessTokenAsync() is { } token ? new JsonWebToken(token).ValidTo : (DateTime?)null,
})).RequireAuthorization();
app.MapHealthChecks("/health");

// The antiforgery request token a rendered sign-out form would carry.
app.MapGet("/antiforgery-token", (HttpContext context, IAntiforgery antiforgery) =>
    Results.Text(antiforgery.GetAndStoreTokens(context).RequestToken ?? ""));
app.MapWorkOSAuthKit();

// Load (or, for the first instance, create) the shared key ring before taking requests.
app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("WorkOS.AspNetCore.ScaleOut.Startup").Protect("ready"u8.ToArray());

await app.StartAsync();
var address = app.Urls.First(); // the bound address, with the port Kestrel chose for :0
Console.Out.WriteLine($"ScaleOut app {instance} listening on {address}");
Console.Out.Flush();
await app.WaitForShutdownAsync();
