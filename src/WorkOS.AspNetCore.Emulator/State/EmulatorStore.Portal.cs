namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>An Admin Portal link: the organization and intent it opens, where it leads back to, and when it stops working.</summary>
internal sealed record PortalLinkRecord(
    string Token,
    string OrganizationId,
    string OrganizationName,
    string Intent,
    string? ReturnUrl,
    string? SuccessUrl,
    DateTimeOffset ExpiresAt);

/// <summary>Why a widget token cannot be issued for a user and organization.</summary>
internal enum WidgetSubjectProblem
{
    None,
    UnknownOrganization,
    UnknownUser,
    NotAMember,
}

internal sealed partial class EmulatorStore
{
    private readonly Dictionary<string, PortalLinkRecord> _portalLinks = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether a widget token may name this organization and (when given) user: the organization exists, the user
    /// exists and is an active member of it.
    /// </summary>
    public WidgetSubjectProblem CheckWidgetSubject(string organizationId, string? userId)
    {
        lock (_gate)
        {
            if (_organizations.All(o => o.Id != organizationId))
            {
                return WidgetSubjectProblem.UnknownOrganization;
            }

            if (userId is null)
            {
                return WidgetSubjectProblem.None;
            }

            if (_users.All(u => u.Id != userId))
            {
                return WidgetSubjectProblem.UnknownUser;
            }

            return ActiveMembershipUnlocked(userId, organizationId) is null ? WidgetSubjectProblem.NotAMember : WidgetSubjectProblem.None;
        }
    }

    /// <summary>A new portal link for an organization, or <see langword="null"/> when there is no such organization.</summary>
    public PortalLinkRecord? CreatePortalLink(string organizationId, string intent, string? returnUrl, string? successUrl, TimeSpan lifetime)
    {
        lock (_gate)
        {
            if (_organizations.FirstOrDefault(o => o.Id == organizationId) is not { } organization)
            {
                return null;
            }

            var link = new PortalLinkRecord(IdGenerator.NewToken(), organization.Id, organization.Name, intent, returnUrl, successUrl, Now + lifetime);
            _portalLinks[link.Token] = link;
            return link;
        }
    }

    /// <summary>The portal link with this token, expired or not; <see langword="null"/> when it was never issued.</summary>
    public PortalLinkRecord? FindPortalLink(string token)
    {
        lock (_gate)
        {
            return _portalLinks.GetValueOrDefault(token);
        }
    }
}
