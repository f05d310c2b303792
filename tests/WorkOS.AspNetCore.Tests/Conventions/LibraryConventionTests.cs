using System.Reflection;

namespace WorkOS.AspNetCore.Tests.Conventions;

/// <summary>
/// Keeps the library's shape: the wire, token and session internals stay internal, the API client and token
/// validation never see a scheme, and no new namespace cycle appears.
/// </summary>
public sealed class LibraryConventionTests
{
    private const string Root = "WorkOS.AspNetCore";
    private static readonly Assembly Library = typeof(WorkOSAuthKitDefaults).Assembly;

    /// <summary>Folders whose types are implementation details, each with the public types users need from it.</summary>
    private static readonly Dictionary<string, string[]> PublicTypesAllowedIn = new(StringComparer.Ordinal)
    {
        // The WorkOS responses users read in events (TokenResponseReceived, ApiKeyValidated) and from
        // WorkOSSessionService, and the exception the library raises for failed WorkOS calls.
        ["Api"] =
        [
            "WorkOS.AspNetCore.Api.WorkOSApiException",
            "WorkOS.AspNetCore.Api.WorkOSApiKey",
            "WorkOS.AspNetCore.Api.WorkOSApiKeyOwner",
            "WorkOS.AspNetCore.Api.WorkOSAuthenticationResponse",
            "WorkOS.AspNetCore.Api.WorkOSImpersonator",
            "WorkOS.AspNetCore.Api.WorkOSSessionInfo",
            "WorkOS.AspNetCore.Api.WorkOSUser",
        ],
        // The session service and access-token seam apps call, the refresh coordination seam (with the result it
        // hands out, and the exception that reports its store unavailable) that multi-instance stores implement, and the contexts of the refresh events; everything else in
        // Session is the refresh machinery.
        ["Session"] =
        [
            "WorkOS.AspNetCore.Session.ISessionRefreshCoordinator",
            "WorkOS.AspNetCore.Session.IWorkOSAccessTokenProvider",
            "WorkOS.AspNetCore.Session.OrganizationSwitchResult",
            "WorkOS.AspNetCore.Session.OrganizationSwitchStatus",
            "WorkOS.AspNetCore.Session.SessionCoordinationUnavailableException",
            "WorkOS.AspNetCore.Session.SessionRefreshContext",
            "WorkOS.AspNetCore.Session.SessionRefreshFailedContext",
            "WorkOS.AspNetCore.Session.SessionRefreshResult",
            "WorkOS.AspNetCore.Session.SessionRefreshedContext",
            "WorkOS.AspNetCore.Session.SessionRefreshingContext",
            "WorkOS.AspNetCore.Session.WorkOSSessionService",
        ],
        ["Tokens"] = [],
        // The credential reading and RFC 6750 challenges the bearer and API key schemes share, and the access-token
        // handler for outgoing calls (the HttpContext extensions apps call live in Microsoft.AspNetCore.Http).
        ["Http"] = [],
    };

    /// <summary>The folders that implement a scheme or its endpoints.</summary>
    private static readonly string[] SchemeFolders = ["Authentication", "Session", "Bearer", "ApiKeys", "Components", "Endpoints"];

    /// <summary>The folders that must not know any scheme: the WorkOS API client and access-token validation.</summary>
    private static readonly string[] SchemeFreeFolders = ["Api", "Tokens"];

    /// <summary>
    /// References from a scheme-free folder to a scheme folder that exist today. Known debt, not a licence: each is
    /// to be removed (the API client and token validation should take the settings they need), and this list with it.
    /// </summary>
    private static readonly (string From, string To)[] KnownSchemeReferences =
    [
    ];

    /// <summary>
    /// Namespace cycles that exist today, each as the set of folders in it. Known debt, not a licence: breaking a
    /// cycle shrinks or removes its entry; a new cycle, or a folder joining one, fails the test.
    /// </summary>
    private static readonly string[][] KnownCycles =
    [
    ];

    [Fact]
    public void Types_in_internal_namespaces_are_public_only_when_allowed()
    {
        var unexpected = Library.GetExportedTypes()
            .Where(type => PublicTypesAllowedIn.TryGetValue(NamespaceReferences.FolderOf(type, Root), out var allowed)
                && !allowed.Contains(type.FullName))
            .Select(type => type.FullName)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(unexpected.Count == 0,
            "Public types in internal namespaces (make them internal, or allow them with a reason): " + string.Join(", ", unexpected));
    }

    [Fact]
    public void Every_allowed_public_type_still_exists_and_is_public()
    {
        var exported = Library.GetExportedTypes().Select(type => type.FullName).ToHashSet(StringComparer.Ordinal);

        var stale = PublicTypesAllowedIn.Values.SelectMany(names => names).Where(name => !exported.Contains(name)).ToList();

        Assert.True(stale.Count == 0, "Allowed public types that are no longer public (remove them from the list): " + string.Join(", ", stale));
    }

    [Fact]
    public void Api_client_and_token_validation_reference_no_scheme_namespace()
    {
        var edges = NamespaceReferences.Edges(Library, Root);

        var found = SchemeFreeFolders
            .SelectMany(from => (edges.TryGetValue(from, out var targets) ? targets : []).Select(to => (From: from, To: to)))
            .Where(edge => SchemeFolders.Contains(edge.To))
            .Order()
            .ToList();

        var added = found.Except(KnownSchemeReferences).ToList();
        var gone = KnownSchemeReferences.Except(found).ToList();
        Assert.True(added.Count == 0, "Scheme-free folders reference scheme folders: " + string.Join(", ", added.Select(e => $"{e.From} -> {e.To}")));
        Assert.True(gone.Count == 0, "Known references no longer exist (remove them from the list): " + string.Join(", ", gone.Select(e => $"{e.From} -> {e.To}")));
    }

    [Fact]
    public void Root_namespace_references_no_folder_namespace()
    {
        var edges = NamespaceReferences.Edges(Library, Root);

        var found = edges.TryGetValue("(root)", out var targets) ? targets.Where(to => to != "(root)").Order(StringComparer.Ordinal).ToList() : [];

        // The defaults, LogValue and the client settings are what every folder uses; they must use none of them.
        Assert.True(found.Count == 0, "The root namespace references folder namespaces: " + string.Join(", ", found));
    }

    [Fact]
    public void Folders_have_no_namespace_cycle_beyond_the_known_ones()
    {
        var cycles = NamespaceReferences.Cycles(NamespaceReferences.Edges(Library, Root));
        var known = KnownCycles.Select(folders => new SortedSet<string>(folders, StringComparer.Ordinal)).ToList();

        var added = cycles.Where(cycle => !known.Any(k => k.IsSupersetOf(cycle))).ToList();
        var shrunk = known.Where(k => !cycles.Any(cycle => cycle.SetEquals(k))).ToList();
        Assert.True(added.Count == 0, "New namespace cycles: " + string.Join("; ", added.Select(c => string.Join(" <-> ", c))));
        Assert.True(shrunk.Count == 0,
            "Known cycles that were broken or shrank (update the list): " + string.Join("; ", shrunk.Select(c => string.Join(" <-> ", c))));
    }

    [Fact]
    public void Reading_the_references_finds_what_the_code_uses()
    {
        var edges = NamespaceReferences.Edges(Library, Root);

        // Guards the reader itself: the cookie scheme builds on the session code and the API client, and the
        // session code validates tokens. If these vanish, the reader has stopped seeing references.
        Assert.Contains("Session", edges["Authentication"]);
        Assert.Contains("Api", edges["Authentication"]);
        Assert.Contains("Tokens", edges["Session"]);
    }
}
