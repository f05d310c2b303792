using System.Net.Mail;
using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary><c>POST /user_management/magic_auth {email, invitation_token?}</c> (API key): a code to the outbox, and its object.</summary>
internal static class MagicAuthEndpoints
{
    public static Task CreateAsync(HttpContext context, EmulatorCore core)
    {
        var fields = RequestFields.Get(context);
        if (!IsEmailAddress(fields["email"]))
        {
            return RefuseAsync(context, core, "email is required and must be an email address.");
        }

        var (code, problem) = core.Store.CreateMagicAuth(fields["email"]!, fields["invitation_token"]);
        if (problem is not null)
        {
            return RefuseAsync(context, core, problem);
        }

        SignInFlowLog.EmailSent(CustomGrants.Logger(core), "Magic Auth code", code.Email);
        return Responses.JsonAsync(context, 201, new MagicAuthDto(
            "magic_auth", code.Id, code.UserId, code.Email, WireTime.Format(code.ExpiresAt)!, code.Code,
            WireTime.Format(code.CreatedAt)!, WireTime.Format(code.CreatedAt)!), SignInFlowJsonContext.Default.MagicAuthDto);
    }

    /// <summary>One plain address (<c>name@domain</c>), at most 320 characters.</summary>
    public static bool IsEmailAddress([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? email) =>
        email is { Length: > 0 and <= 320 } && MailAddress.TryCreate(email, out var address) && address.Address == email && address.DisplayName.Length == 0;

    public static Task RefuseAsync(HttpContext context, EmulatorCore core, string message)
    {
        SignInFlowLog.RequestRefused(CustomGrants.Logger(core), context.Request.Method, context.Request.Path, 422, message);
        return Responses.InvalidParametersAsync(context, message);
    }
}
