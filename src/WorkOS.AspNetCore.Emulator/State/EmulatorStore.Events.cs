using System.Text.Json;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.State;

internal sealed partial class EmulatorStore
{
    /// <summary>Called (under the store's lock, so in order) with each event the store's changes make: its type and data.</summary>
    public Action<string, JsonElement>? EventRaised { get; set; }

    private void Raise(string eventType, SessionDto session) =>
        EventRaised?.Invoke(eventType, JsonSerializer.SerializeToElement(session, WireJsonContext.Default.SessionDto));

    private void Raise(string eventType, MembershipRecord membership) =>
        EventRaised?.Invoke(eventType, JsonSerializer.SerializeToElement(ToDto(membership), WireJsonContext.Default.MembershipDto));
}
