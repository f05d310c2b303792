using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// Accounts (API key): <c>POST /user_management/users</c>, <c>PUT /user_management/users/{id}</c>, email verification
/// (<c>.../email_verification/send</c> and <c>/confirm</c>), and password reset (<c>POST /user_management/password_reset</c>,
/// <c>.../password_reset/confirm</c>).
/// </summary>
internal static class AccountEndpoints
{
    private const int MaxNameLength = 256;

    public static Task CreateUserAsync(HttpContext context, EmulatorCore core)
    {
        var fields = RequestFields.Get(context);
        var email = fields["email"];
        if (!MagicAuthEndpoints.IsEmailAddress(email))
        {
            return MagicAuthEndpoints.RefuseAsync(context, core, "email is required and must be an email address.");
        }

        if (fields["first_name"]?.Length > MaxNameLength || fields["last_name"]?.Length > MaxNameLength)
        {
            return MagicAuthEndpoints.RefuseAsync(context, core, $"first_name and last_name are at most {MaxNameLength} characters.");
        }

        try
        {
            var user = core.Store.CreateUser(new SeedUser
            {
                Email = email,
                Password = fields["password"],
                FirstName = fields["first_name"],
                LastName = fields["last_name"],
                EmailVerified = fields["email_verified"] == "true",
            });
            return Responses.JsonAsync(context, 201, user, WireJsonContext.Default.UserDto);
        }
        catch (ArgumentException)
        {
            SignInFlowLog.RequestRefused(CustomGrants.Logger(core), "POST", context.Request.Path, 422, "the email is taken");
            return Responses.ErrorAsync(context, 422, "email_not_available", $"A user with email '{email}' already exists.");
        }
    }

    public static Task UpdateUserAsync(HttpContext context, EmulatorCore core)
    {
        var fields = RequestFields.Get(context);
        var userId = RouteValue(context, "userId");
        bool? verified = fields["email_verified"] switch { "true" => true, "false" => false, _ => null };
        return core.Store.UpdateUser(userId, fields["first_name"], fields["last_name"], verified, fields["password"]) is { } user
            ? Responses.JsonAsync(context, 200, user, WireJsonContext.Default.UserDto)
            : Responses.NotFoundAsync(context, $"User not found: '{userId}'.");
    }

    public static Task SendEmailVerificationAsync(HttpContext context, EmulatorCore core)
    {
        var userId = RouteValue(context, "userId");
        if (core.Store.SendEmailVerification(userId) is not { } user)
        {
            return Responses.NotFoundAsync(context, $"User not found: '{userId}'.");
        }

        SignInFlowLog.EmailSent(CustomGrants.Logger(core), "email verification code", user.Email);
        return Responses.JsonAsync(context, 200, new UserEnvelopeDto(user), SignInFlowJsonContext.Default.UserEnvelopeDto);
    }

    public static Task ConfirmEmailVerificationAsync(HttpContext context, EmulatorCore core)
    {
        var userId = RouteValue(context, "userId");
        if (RequestFields.Get(context)["code"] is not { } code)
        {
            return MagicAuthEndpoints.RefuseAsync(context, core, "code is required.");
        }

        var (user, found) = core.Store.ConfirmEmailVerification(userId, code);
        if (!found)
        {
            return Responses.NotFoundAsync(context, $"User not found: '{userId}'.");
        }

        if (user is null)
        {
            SignInFlowLog.RequestRefused(CustomGrants.Logger(core), "POST", context.Request.Path, 400, "the email verification code is wrong or expired");
            return Responses.ErrorAsync(context, 400, "invalid_one_time_code", "The code is invalid or has expired.");
        }

        return Responses.JsonAsync(context, 200, new UserEnvelopeDto(user), SignInFlowJsonContext.Default.UserEnvelopeDto);
    }

    public static Task CreatePasswordResetAsync(HttpContext context, EmulatorCore core)
    {
        var email = RequestFields.Get(context)["email"];
        if (!MagicAuthEndpoints.IsEmailAddress(email))
        {
            return MagicAuthEndpoints.RefuseAsync(context, core, "email is required and must be an email address.");
        }

        var reset = core.Store.CreatePasswordReset(email, token => LinkWithToken(core.Options.PasswordResetUrl, "token", token));
        if (reset is null)
        {
            SignInFlowLog.RequestRefused(CustomGrants.Logger(core), "POST", context.Request.Path, 404, "no user has that email");
            return Responses.NotFoundAsync(context, "User not found.");
        }

        SignInFlowLog.EmailSent(CustomGrants.Logger(core), "password reset", reset.Email);
        return Responses.JsonAsync(context, 201, new PasswordResetDto(
            "password_reset", reset.Id, reset.UserId, reset.Email, reset.Token, LinkWithToken(core.Options.PasswordResetUrl, "token", reset.Token),
            WireTime.Format(reset.ExpiresAt), WireTime.Format(reset.CreatedAt)), SignInFlowJsonContext.Default.PasswordResetDto);
    }

    public static Task ResetPasswordAsync(HttpContext context, EmulatorCore core)
    {
        var fields = RequestFields.Get(context);
        if (fields["token"] is not { } token || fields["new_password"] is not { } password)
        {
            return MagicAuthEndpoints.RefuseAsync(context, core, "token and new_password are required.");
        }

        if (core.Store.ResetPassword(token, password) is not { } user)
        {
            SignInFlowLog.RequestRefused(CustomGrants.Logger(core), "POST", context.Request.Path, 400, "the password reset token is unknown, used or expired");
            return Responses.ErrorAsync(context, 400, "password_reset_token_invalid", "The password reset token is invalid, expired or already used.");
        }

        return Responses.JsonAsync(context, 200, new UserEnvelopeDto(user), SignInFlowJsonContext.Default.UserEnvelopeDto);
    }

    /// <summary>The configured page URL with the token added to its query.</summary>
    public static string LinkWithToken(string page, string name, string token) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(page, name, token);

    private static string RouteValue(HttpContext context, string name) => context.Request.RouteValues[name] as string ?? "";
}
