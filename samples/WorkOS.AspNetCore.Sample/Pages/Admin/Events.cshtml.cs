using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkOS.AspNetCore.Authorization;
using WorkOS.AspNetCore.Sample.Events;

namespace WorkOS.AspNetCore.Sample.Pages.Admin;

/// <summary>The last events the sample's webhook endpoint received. Admins only: events are about every user.</summary>
[RequireWorkOSRole("admin")]
public sealed class EventsModel(ReceivedEvents events) : PageModel
{
    public IReadOnlyList<ReceivedEvent> Events { get; private set; } = [];

    public void OnGet() => Events = events.Latest();
}
