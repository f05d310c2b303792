using WorkOS.AspNetCore.Actions;

// An app answering AuthKit Actions at /actions/workos. Configured by environment variables: WORKOS_ACTIONS_SECRET (the
// Actions secret; WorkOS__Actions__Secrets__N adds more) and Urls. It denies email addresses at blocked.test, with a
// message, and allows everyone else.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddWorkOSActions();

var app = builder.Build();
const string Blocked = "@blocked.test";
app.MapWorkOSActions(WorkOSActionEndpoints.DefaultPath, actions => actions
    .OnAuthentication((action, _) => action.User.Email.EndsWith(Blocked, StringComparison.OrdinalIgnoreCase)
        ? WorkOSActionVerdict.Deny($"{action.User.Email} can't sign in: ask your «IT» team.")
        : WorkOSActionVerdict.Allow)
    .OnUserRegistration((action, _) => action.UserData.Email.EndsWith(Blocked, StringComparison.OrdinalIgnoreCase)
        ? WorkOSActionVerdict.Deny("Sign-ups from blocked.test are closed.")
        : WorkOSActionVerdict.Allow));

await app.StartAsync();
Console.Out.WriteLine($"Actions app listening on {app.Urls.First()}");
await app.WaitForShutdownAsync();
