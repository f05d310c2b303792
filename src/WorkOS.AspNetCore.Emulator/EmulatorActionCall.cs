namespace WorkOS.AspNetCore.Emulator;

/// <summary>One call the emulator made to an AuthKit Actions endpoint during a sign-in or sign-up, and what came of it.</summary>
/// <param name="Kind">The action kind: <c>authentication</c> or <c>user_registration</c>.</param>
/// <param name="ActionId">The id of the action context sent.</param>
/// <param name="Url">The endpoint URL.</param>
/// <param name="UserId">The user signing in; for a <c>user_registration</c> action, which runs before the user exists, the email signing up.</param>
/// <param name="StatusCode">The HTTP status the endpoint answered; <see langword="null"/> when it did not answer in time.</param>
/// <param name="Allowed">Whether the sign-in or sign-up went on: only a valid, signed <c>Allow</c> allows it.</param>
/// <param name="ErrorMessage">The endpoint's <c>error_message</c> for a valid <c>Deny</c>.</param>
/// <param name="Problem">Why the answer was not taken (unreachable, wrong status, bad signature, ...); <see langword="null"/> for a valid answer.</param>
/// <param name="Body">The signed JSON context exactly as sent.</param>
public sealed record EmulatorActionCall(
    string Kind,
    string ActionId,
    string Url,
    string UserId,
    int? StatusCode,
    bool Allowed,
    string? ErrorMessage,
    string? Problem,
    string Body);
