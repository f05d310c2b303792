using System.Text.Json;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>Raising the role and Directory Sync events (under the store's lock, as the others).</summary>
internal sealed partial class EmulatorStore
{
    private void Raise(string eventType, RoleRecord role)
    {
        if (Wanted)
        {
            EventRaised!(eventType, JsonSerializer.SerializeToElement(
                new RoleEventDto("role", role.Slug, role.Name, [.. role.Permissions]), EventDataJsonContext.Default.RoleEventDto));
        }
    }

    private void Raise(string eventType, DirectoryUserDto directoryUser)
    {
        if (Wanted)
        {
            EventRaised!(eventType, JsonSerializer.SerializeToElement(directoryUser, EventDataJsonContext.Default.DirectoryUserDto));
        }
    }
}
