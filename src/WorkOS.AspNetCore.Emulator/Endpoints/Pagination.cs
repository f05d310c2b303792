using System.Globalization;
using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>WorkOS cursor pagination: <c>limit</c> (1-100, default 10), <c>order</c> (asc/desc, default desc), <c>before</c>, <c>after</c>.</summary>
internal sealed record Pagination(int Limit, bool Ascending, string? Before, string? After)
{
    public static bool TryParse(IQueryCollection query, out Pagination pagination, out string error)
    {
        pagination = new Pagination(10, false, null, null);
        error = "";
        var limit = 10;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 100))
        {
            error = "limit must be a number from 1 to 100.";
            return false;
        }

        var order = query["order"].ToString();
        if (order is not ("" or "asc" or "desc" or "normal"))
        {
            error = "order must be 'asc' or 'desc'.";
            return false;
        }

        var before = NullIfEmpty(query["before"].ToString());
        var after = NullIfEmpty(query["after"].ToString());
        if (before is not null && after is not null)
        {
            error = "Give either before or after, not both.";
            return false;
        }

        pagination = new Pagination(limit, order == "asc", before, after);
        return true;
    }

    /// <summary>One page of <paramref name="oldestFirst"/>; <see langword="null"/> when a cursor is unknown.</summary>
    public ListDto<T>? Apply<T>(IReadOnlyList<T> oldestFirst, Func<T, string> idOf)
    {
        var items = Ascending ? oldestFirst : [.. oldestFirst.Reverse()];
        int start;
        int end;
        if (After is not null)
        {
            var index = IndexOf(items, idOf, After);
            if (index < 0)
            {
                return null;
            }

            start = index + 1;
            end = Math.Min(items.Count, start + Limit);
        }
        else if (Before is not null)
        {
            end = IndexOf(items, idOf, Before);
            if (end < 0)
            {
                return null;
            }

            start = Math.Max(0, end - Limit);
        }
        else
        {
            start = 0;
            end = Math.Min(items.Count, Limit);
        }

        var page = items.Skip(start).Take(end - start).ToList();
        return new ListDto<T>(
            page,
            new ListMetadataDto(
                start > 0 && page.Count > 0 ? idOf(page[0]) : null,
                end < items.Count && page.Count > 0 ? idOf(page[^1]) : null));
    }

    private static int IndexOf<T>(IReadOnlyList<T> items, Func<T, string> idOf, string id)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (idOf(items[i]) == id)
            {
                return i;
            }
        }

        return -1;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
