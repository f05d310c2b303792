using System.Text.Json.Nodes;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>
/// Invitations: sent (a link with the token to the outbox), listed, found by token, revoked, and accepted, either through
/// the API or by a sign-in grant that carries the <c>invitation_token</c> (membership in its organization, email verified).
/// </summary>
internal sealed partial class EmulatorStore
{
    private readonly List<InvitationRecord> _invitations = [];

    public (InvitationRecord? Invitation, string? Problem) SendInvitation(
        string email, string? organizationId, string? inviterUserId, string? roleSlug, int expiresInDays, Func<string, string> link)
    {
        lock (_gate)
        {
            var now = Now;
            if (organizationId is not null && _organizations.All(o => o.Id != organizationId))
            {
                return (null, $"There is no organization '{organizationId}'.");
            }

            if (inviterUserId is not null && _users.All(u => u.Id != inviterUserId))
            {
                return (null, $"There is no user '{inviterUserId}'.");
            }

            if (roleSlug is not null && _roles.All(r => r.Slug != roleSlug))
            {
                return (null, $"There is no role '{roleSlug}'.");
            }

            if (_invitations.Any(i => i.State(now) == "pending" && string.Equals(i.Email, email, StringComparison.OrdinalIgnoreCase)
                && i.OrganizationId == organizationId))
            {
                return (null, $"'{email}' already has a pending invitation.");
            }

            var invitation = new InvitationRecord
            {
                Id = IdGenerator.NewId("invitation_", now),
                Email = email,
                Token = IdGenerator.NewToken(18),
                OrganizationId = organizationId,
                InviterUserId = inviterUserId,
                RoleSlug = roleSlug,
                CreatedAt = now,
                UpdatedAt = now,
                ExpiresAt = now + TimeSpan.FromDays(expiresInDays),
                Sequence = NextSequence(),
            };
            _invitations.Add(invitation);
            SendEmailUnlocked(email, "You are invited", link(invitation.Token), invitation.Id, EmulatorEmailKind.Invitation, null);
            RaiseObject("invitation.created", InvitationEventData(invitation, now));
            return (invitation, null);
        }
    }

    public IReadOnlyList<InvitationRecord> ListInvitations(string? email, string? organizationId)
    {
        lock (_gate)
        {
            return [.. _invitations
                .Where(i => email is null || string.Equals(i.Email, email, StringComparison.OrdinalIgnoreCase))
                .Where(i => organizationId is null || i.OrganizationId == organizationId)
                .OrderBy(i => i.Sequence)];
        }
    }

    public InvitationRecord? FindInvitation(string id, bool byToken)
    {
        lock (_gate)
        {
            return byToken ? _invitations.FirstOrDefault(i => FixedTimeEquals(i.Token, id)) : _invitations.FirstOrDefault(i => i.Id == id);
        }
    }

    /// <summary>Revokes a pending invitation: the invitation and whether it changed (an accepted, revoked or expired one does not).</summary>
    public (InvitationRecord? Invitation, bool Changed) RevokeInvitation(string id)
    {
        lock (_gate)
        {
            var now = Now;
            if (_invitations.FirstOrDefault(i => i.Id == id) is not { } invitation)
            {
                return (null, false);
            }

            if (invitation.State(now) != "pending")
            {
                return (invitation, false);
            }

            invitation.RevokedAt = now;
            invitation.UpdatedAt = now;
            RaiseObject("invitation.revoked", InvitationEventData(invitation, now));
            return (invitation, true);
        }
    }

    /// <summary><c>POST .../{id}/accept</c>: accepts for the user with the invitation's email; the invitation, or the problem.</summary>
    public (InvitationRecord? Invitation, string? Problem) AcceptInvitation(string id)
    {
        lock (_gate)
        {
            var now = Now;
            if (_invitations.FirstOrDefault(i => i.Id == id) is not { } invitation)
            {
                return (null, null);
            }

            if (invitation.State(now) != "pending")
            {
                return (invitation, $"The invitation is {invitation.State(now)}.");
            }

            if (FindUserByEmailUnlocked(invitation.Email) is not { } user)
            {
                return (invitation, $"There is no user with email '{invitation.Email}' yet: sign up first.");
            }

            AcceptUnlocked(invitation, user, now);
            return (invitation, null);
        }
    }

    public string InvitationState(InvitationRecord invitation)
    {
        lock (_gate)
        {
            return invitation.State(Now);
        }
    }

    /// <summary>Refuses a grant whose invitation token is unknown, not pending, or for another email.</summary>
    private SignInOutcome? CheckInvitationUnlocked(string? invitationToken, string email) =>
        invitationToken is null || PendingInvitationUnlocked(invitationToken, email) is not null
            ? null
            : SignInOutcome.Refuse("invalid_grant", "The invitation is unknown, expired, revoked, already accepted or for another email address.");

    /// <summary>The pending invitation of this token for this email, if any.</summary>
    private InvitationRecord? PendingInvitationUnlocked(string? invitationToken, string email)
    {
        var now = Now;
        return invitationToken is null ? null
            : _invitations.FirstOrDefault(i => FixedTimeEquals(i.Token, invitationToken) && i.State(now) == "pending"
                && string.Equals(i.Email, email, StringComparison.OrdinalIgnoreCase));
    }

    private void AcceptUnlocked(InvitationRecord invitation, UserRecord user, DateTimeOffset now)
    {
        invitation.AcceptedAt = now;
        invitation.AcceptedUserId = user.Id;
        invitation.UpdatedAt = now;
        MarkEmailVerifiedUnlocked(user, now);
        if (invitation.OrganizationId is { } organizationId)
        {
            var membership = _memberships.FirstOrDefault(m => m.UserId == user.Id && m.OrganizationId == organizationId);
            if (membership is null)
            {
                Raise("organization_membership.created",
                    AddLoadedMembership(null, user.Id, organizationId, [invitation.RoleSlug ?? "member"], "active", now));
            }
            else if (!membership.IsActive)
            {
                membership.Status = "active";
                membership.UpdatedAt = now;
                Raise("organization_membership.updated", membership);
            }
        }

        RaiseObject("invitation.accepted", InvitationEventData(invitation, now));
    }

    private static JsonObject InvitationEventData(InvitationRecord i, DateTimeOffset now) => new()
    {
        ["object"] = "invitation",
        ["id"] = i.Id,
        ["email"] = i.Email,
        ["state"] = i.State(now),
        ["accepted_at"] = WireTime.Format(i.AcceptedAt),
        ["revoked_at"] = WireTime.Format(i.RevokedAt),
        ["expires_at"] = WireTime.Format(i.ExpiresAt),
        ["organization_id"] = i.OrganizationId,
        ["inviter_user_id"] = i.InviterUserId,
        ["accepted_user_id"] = i.AcceptedUserId,
        ["role_slug"] = i.RoleSlug,
        ["created_at"] = WireTime.Format(i.CreatedAt),
        ["updated_at"] = WireTime.Format(i.UpdatedAt),
    };
}
