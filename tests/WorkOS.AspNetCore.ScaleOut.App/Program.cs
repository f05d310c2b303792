using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.JsonWebTokens;
using StackExchange.Redis;
using WorkOS.AspNetCore.Claims;

// One instance of a load-balanced AuthKit app. Everything comes from configuration (environment variables):
//   WorkOS__ClientId, WorkOS__ApiKey, WorkOS__ApiBaseUrl (the shared WorkOS), WorkOS__RefreshBuffer,
//   ScaleOut__Redis (the shared Redis, a StackExchange.Redis configuration string), ScaleOut__InstanceName, Urls.
var builder = WebApplication.CreateBuilder(args);
var instance = builder.Configuration["ScaleOut:InstanceName"] is { Length: > 0 } name ? name : Environment.MachineName;
var redis = builder.Configuration["ScaleOut:Redis"] is { Length: > 0 } configuration
    ? ConfigurationOptions.Parse(configuration)
    : throw new InvalidOperationException("Set ScaleOut:Redis (ScaleOut__Redis) to the Redis the instances share.");

// Keep serving while Redis is away: connect in the background, and fail a command at once instead of queueing it
// until Redis returns, so a request is answered by the library's degradation rather than held.
redis.AbortOnConnectFail = false;
redis.BacklogPolicy = BacklogPolicy.FailFast;
var multiplexer = await ConnectionMultiplexer.ConnectAsync(redis);
builder.Services.AddSingleton<IConnectionMultiplexer>(multiplexer);

builder.Services.AddDataProtection()
    .SetApplicationName("WorkOS.AspNetCore.ScaleOut")
    .PersistKeysToStackExchangeRedis(multiplexer, "scaleout:dataprotection-keys");
builder.Services.AddStackExchangeRedisCache(options =>
{
    options.ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(multiplexer);
    options.InstanceName = "scaleout:";
});

builder.Services.AddWorkOSAuthKit(builder.Configuration);
builder.Services.AddWorkOSDistributedSessionCoordination();
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
