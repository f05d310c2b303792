namespace WorkOS.AspNetCore.Emulator;

public sealed partial class EmulatorSeed
{
    /// <summary>The machine-to-machine applications of WorkOS Connect (client credentials at <c>/oauth2/token</c>).</summary>
    public List<SeedM2MApplication> M2MApplications { get; set; } = [];

    /// <summary>Adds a machine-to-machine application.</summary>
    /// <returns>This seed.</returns>
    public EmulatorSeed AddM2MApplication(SeedM2MApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        M2MApplications.Add(application);
        return this;
    }
}
