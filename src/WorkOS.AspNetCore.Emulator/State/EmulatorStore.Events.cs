using System.Text.Json;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.State;

internal sealed partial class EmulatorStore
{
    /// <summary>Called (under the store's lock, so in order) with each event the store's changes make: its type and data.</summary>
    public Action<string, JsonElement>? EventRaised { get; set; }

    /// <summary>Whether anyone listens (a webhook endpoint is registered); without one, events are not even built.</summary>
    public Func<bool>? EventsWanted { get; set; }

    private bool Wanted => EventRaised is not null && EventsWanted?.Invoke() != false;

    private void Raise(string eventType, SessionDto session)
    {
        if (Wanted)
        {
            EventRaised!(eventType, JsonSerializer.SerializeToElement(session, WireJsonContext.Default.SessionDto));
        }
    }

    private void Raise(string eventType, MembershipRecord membership)
    {
        if (Wanted)
        {
            EventRaised!(eventType, JsonSerializer.SerializeToElement(ToDto(membership), WireJsonContext.Default.MembershipDto));
        }
    }

    private void Raise(string eventType, UserDto user)
    {
        if (Wanted)
        {
            EventRaised!(eventType, JsonSerializer.SerializeToElement(user, WireJsonContext.Default.UserDto));
        }
    }
}
