using System.Globalization;
using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator.Events;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>The Events API: the emulator's events by polling.</summary>
internal static class EventEndpoints
{
    /// <summary>
    /// <c>GET /events?events=&lt;type&gt;[,&lt;type&gt;]&amp;after=&amp;limit=&amp;order=&amp;range_start=&amp;range_end=&amp;organization_id=</c>:
    /// the events of the given types, oldest first unless <c>order=desc</c>. <c>events</c> is required (repeated, or
    /// comma-separated as WorkOS's Node SDK sends it); <c>after</c> is an event id, and <c>list_metadata.after</c> is the
    /// page's last event id, the cursor of the next poll.
    /// </summary>
    public static Task ListAsync(HttpContext context, EmulatorCore core)
    {
        var query = context.Request.Query;
        var types = query["events"].Concat(query["events[]"])
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.Ordinal);
        if (types.Count == 0)
        {
            return Responses.InvalidParametersAsync(context, "events is required: one or more event types, such as events=session.revoked.");
        }

        if (!Pagination.TryParse(query, out var pagination, out var error))
        {
            return Responses.InvalidParametersAsync(context, error);
        }

        if (pagination.Before is not null)
        {
            return Responses.InvalidParametersAsync(context, "before is not supported by the Events API; page with after.");
        }

        if (!TryParseTime(query["range_start"], out var rangeStart) || !TryParseTime(query["range_end"], out var rangeEnd))
        {
            return Responses.InvalidParametersAsync(context, "range_start and range_end must be ISO 8601 timestamps.");
        }

        var organizationId = query["organization_id"].ToString();
        IEnumerable<LoggedEvent> events = core.Events.Snapshot();
        if (query["order"] == "desc")
        {
            events = events.Reverse();
        }

        var ordered = events.ToList();
        var start = 0;
        if (pagination.After is { } after)
        {
            var index = ordered.FindIndex(e => e.Envelope.Id == after);
            if (index < 0)
            {
                return Responses.InvalidParametersAsync(context, $"Unknown pagination cursor: no event '{after}' is retained.");
            }

            start = index + 1;
        }

        var page = ordered.Skip(start)
            .Where(e => types.Contains(e.Envelope.Event)
                && (rangeStart is null || e.CreatedAt >= rangeStart)
                && (rangeEnd is null || e.CreatedAt < rangeEnd)
                && (organizationId.Length == 0 || e.OrganizationId == organizationId))
            .Take(pagination.Limit)
            .Select(e => e.Envelope)
            .ToList();
        var list = new EventListDto("list", page, new ListMetadataDto(null, page.Count > 0 ? page[^1].Id : null));
        return Responses.JsonAsync(context, StatusCodes.Status200OK, list, WireJsonContext.Default.EventListDto);
    }

    private static bool TryParseTime(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }
}
