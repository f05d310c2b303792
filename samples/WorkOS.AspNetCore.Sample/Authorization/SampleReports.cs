namespace WorkOS.AspNetCore.Sample.Authorization;

/// <summary>The sample's reports. Their ids are the external ids of the emulator's report resources in Acme.</summary>
public static class SampleReports
{
    /// <summary>Every report, by id.</summary>
    public static IReadOnlyDictionary<string, SampleReport> All { get; } = new Dictionary<string, SampleReport>(StringComparer.Ordinal)
    {
        ["q3-revenue"] = new("q3-revenue", "Q3 revenue", "Finance", "Revenue grew 12% quarter over quarter."),
        ["q4-forecast"] = new("q4-forecast", "Q4 forecast", "Finance", "We expect another strong quarter."),
        ["roadmap"] = new("roadmap", "Product roadmap", "Product", "Ship authorization, then everything else."),
    };
}

/// <summary>A report of the sample.</summary>
/// <param name="Id">The report id, also its WorkOS external id.</param>
/// <param name="Title">The title.</param>
/// <param name="Folder">The folder it sits in.</param>
/// <param name="Summary">What it says.</param>
public sealed record SampleReport(string Id, string Title, string Folder, string Summary);
