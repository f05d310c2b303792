using System.Globalization;
using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.State;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// Invitations (API key): <c>POST /user_management/invitations</c> (send: a link with the token to the outbox),
/// <c>GET</c> the list, one by id or <c>by_token/{token}</c>, and <c>POST .../{id}/revoke</c> and <c>.../{id}/accept</c>.
/// </summary>
internal static class InvitationEndpoints
{
    public static Task SendAsync(HttpContext context, EmulatorCore core)
    {
        var fields = RequestFields.Get(context);
        var email = fields["email"];
        if (!MagicAuthEndpoints.IsEmailAddress(email))
        {
            return MagicAuthEndpoints.RefuseAsync(context, core, "email is required and must be an email address.");
        }

        var days = 7;
        if (fields["expires_in_days"] is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days is < 1 or > 30))
        {
            return MagicAuthEndpoints.RefuseAsync(context, core, "expires_in_days must be a whole number from 1 to 30.");
        }

        var (invitation, problem) = core.Store.SendInvitation(email, fields["organization_id"], fields["inviter_user_id"], fields["role_slug"], days,
            token => AccountEndpoints.LinkWithToken(core.Options.AcceptInvitationUrl, "invitation_token", token));
        if (invitation is null)
        {
            return MagicAuthEndpoints.RefuseAsync(context, core, problem!);
        }

        SignInFlowLog.EmailSent(CustomGrants.Logger(core), "invitation", invitation.Email);
        return Responses.JsonAsync(context, 201, ToDto(core, invitation), SignInFlowJsonContext.Default.InvitationDto);
    }

    public static Task ListAsync(HttpContext context, EmulatorCore core)
    {
        var query = context.Request.Query;
        var email = query["email"].ToString() is { Length: > 0 } e ? e : null;
        var organizationId = query["organization_id"].ToString() is { Length: > 0 } o ? o : null;
        var data = core.Store.ListInvitations(email, organizationId).Select(i => ToDto(core, i)).ToList();
        return Responses.JsonAsync(context, 200, new ListDto<InvitationDto>(data, new ListMetadataDto(null, null)), SignInFlowJsonContext.Default.ListDtoInvitationDto);
    }

    public static Task GetAsync(HttpContext context, EmulatorCore core) => FindAsync(context, core, byToken: false);

    public static Task GetByTokenAsync(HttpContext context, EmulatorCore core) => FindAsync(context, core, byToken: true);

    public static Task RevokeAsync(HttpContext context, EmulatorCore core)
    {
        var id = context.Request.RouteValues["invitationId"] as string ?? "";
        var (invitation, changed) = core.Store.RevokeInvitation(id);
        if (invitation is null)
        {
            return Responses.NotFoundAsync(context, $"Invitation not found: '{id}'.");
        }

        return changed
            ? Responses.JsonAsync(context, 200, ToDto(core, invitation), SignInFlowJsonContext.Default.InvitationDto)
            : RefuseAsync(context, core, $"The invitation is {core.Store.InvitationState(invitation)}; only a pending invitation can be revoked.");
    }

    public static Task AcceptAsync(HttpContext context, EmulatorCore core)
    {
        var id = context.Request.RouteValues["invitationId"] as string ?? "";
        var (invitation, problem) = core.Store.AcceptInvitation(id);
        if (invitation is null)
        {
            return Responses.NotFoundAsync(context, $"Invitation not found: '{id}'.");
        }

        return problem is null
            ? Responses.JsonAsync(context, 200, ToDto(core, invitation), SignInFlowJsonContext.Default.InvitationDto)
            : RefuseAsync(context, core, problem);
    }

    private static Task FindAsync(HttpContext context, EmulatorCore core, bool byToken)
    {
        var key = context.Request.RouteValues[byToken ? "token" : "invitationId"] as string ?? "";
        return core.Store.FindInvitation(key, byToken) is { } invitation
            ? Responses.JsonAsync(context, 200, ToDto(core, invitation), SignInFlowJsonContext.Default.InvitationDto)
            : Responses.NotFoundAsync(context, byToken ? "Invitation not found." : $"Invitation not found: '{key}'.");
    }

    private static Task RefuseAsync(HttpContext context, EmulatorCore core, string message)
    {
        SignInFlowLog.RequestRefused(CustomGrants.Logger(core), "POST", context.Request.Path, 422, message);
        return Responses.ErrorAsync(context, 422, "invitation_invalid", message);
    }

    private static InvitationDto ToDto(EmulatorCore core, InvitationRecord i) => new(
        "invitation",
        i.Id,
        i.Email,
        core.Store.InvitationState(i),
        WireTime.Format(i.AcceptedAt),
        WireTime.Format(i.RevokedAt),
        WireTime.Format(i.ExpiresAt),
        i.OrganizationId,
        i.InviterUserId,
        i.AcceptedUserId,
        i.RoleSlug,
        i.Token,
        AccountEndpoints.LinkWithToken(core.Options.AcceptInvitationUrl, "invitation_token", i.Token),
        WireTime.Format(i.CreatedAt),
        WireTime.Format(i.UpdatedAt));
}
