using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.State;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// <c>POST /widgets/token {organization_id, user_id?, scopes[]}</c> (API key) → <c>{token}</c>: a widget session
/// token signed with the session keys (<c>/sso/jwks/{client_id}</c>), valid for one hour, with <c>sub</c> (the user),
/// <c>org_id</c> and <c>scopes</c>.
/// </summary>
internal static class WidgetEndpoints
{
    /// <summary>How long a widget token lasts, as WorkOS issues them.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>The scopes WorkOS's widgets ask for.</summary>
    public static readonly IReadOnlySet<string> KnownScopes = new HashSet<string>(StringComparer.Ordinal)
    {
        "widgets:users-table:manage",
        "widgets:domain-verification:manage",
        "widgets:sso:manage",
        "widgets:api-keys:manage",
        "widgets:dsync:manage",
        "widgets:audit-log-streaming:manage",
    };

    public static Task TokenAsync(HttpContext context, EmulatorCore core)
    {
        var fields = RequestFields.Get(context);
        if (fields.IsMalformed)
        {
            return RefuseAsync(context, core, "body", "body must be a JSON object or a form");
        }

        if (fields["organization_id"] is not { } organizationId)
        {
            return RefuseAsync(context, core, "organization_id", "organization_id is required");
        }

        var userId = fields["user_id"];
        if (!TryReadScopes(fields, out var scopes))
        {
            return RefuseAsync(context, core, "scopes", "scopes must be an array of strings");
        }

        if (scopes.Length == 0)
        {
            return RefuseAsync(context, core, "scopes", "scopes must contain at least one scope");
        }

        if (scopes.FirstOrDefault(s => !KnownScopes.Contains(s)) is { } unknown)
        {
            return RefuseAsync(context, core, "scopes", $"scopes must be among {string.Join(", ", KnownScopes)}; '{unknown}' is not");
        }

        switch (core.Store.CheckWidgetSubject(organizationId, userId))
        {
            case WidgetSubjectProblem.UnknownOrganization:
                return NotFoundAsync(context, core, $"Organization not found: '{organizationId}'.");
            case WidgetSubjectProblem.UnknownUser:
                return NotFoundAsync(context, core, $"User not found: '{userId}'.");
            case WidgetSubjectProblem.NotAMember:
                return NotFoundAsync(context, core, $"User '{userId}' is not an active member of organization '{organizationId}'.");
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["org_id"] = organizationId,
            ["scopes"] = scopes,
        };
        if (userId is not null)
        {
            claims["sub"] = userId;
        }

        var token = core.Tokens.Create(claims, Lifetime);
        WidgetPortalLog.WidgetTokenIssued(Logger(core), userId, organizationId, string.Join(' ', scopes));
        return Responses.JsonAsync(context, StatusCodes.Status200OK, new WidgetTokenDto(token), WidgetPortalJsonContext.Default.WidgetTokenDto);
    }

    /// <summary>
    /// The requested scopes: a JSON array of strings, one string, or form values (repeated or comma-separated),
    /// without duplicates; <see langword="false"/> when a JSON array holds something other than strings.
    /// </summary>
    private static bool TryReadScopes(RequestFields fields, out string[] scopes)
    {
        scopes = [];
        var raw = fields["scopes"] ?? fields["scopes[]"];
        if (raw is null)
        {
            return true;
        }

        if (!raw.StartsWith('['))
        {
            scopes = [.. raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(raw);
            var values = new List<string>();
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.String)
                {
                    return false;
                }

                values.Add(element.GetString()!);
            }

            scopes = [.. values.Distinct(StringComparer.Ordinal)];
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Task RefuseAsync(HttpContext context, EmulatorCore core, string field, string requirement)
    {
        WidgetPortalLog.WidgetTokenRefused(Logger(core), StatusCodes.Status422UnprocessableEntity, "invalid_request_parameters", requirement);
        return ValidationFailedAsync(context, field, requirement);
    }

    private static Task NotFoundAsync(HttpContext context, EmulatorCore core, string message)
    {
        WidgetPortalLog.WidgetTokenRefused(Logger(core), StatusCodes.Status404NotFound, "entity_not_found", message);
        return Responses.NotFoundAsync(context, message);
    }

    /// <summary>422 <c>invalid_request_parameters</c> with one failed requirement in <c>errors</c>.</summary>
    public static Task ValidationFailedAsync(HttpContext context, string field, string requirement) =>
        Responses.JsonAsync(context, StatusCodes.Status422UnprocessableEntity,
            new ValidationErrorDto("invalid_request_parameters", "Validation failed", [new FieldErrorDto(field, requirement)]),
            WidgetPortalJsonContext.Default.ValidationErrorDto);

    public static ILogger Logger(EmulatorCore core) => core.Options.LoggerFactory.CreateLogger(WidgetPortalLog.Category);
}
