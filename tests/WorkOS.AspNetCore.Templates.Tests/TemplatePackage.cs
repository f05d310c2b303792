namespace WorkOS.AspNetCore.Templates.Tests;

/// <summary>
/// Packs the library packages and the template pack from this repository into a temporary feed, once for the test
/// class, and installs the template from its .nupkg into a template hive of its own, as
/// <c>dotnet new install WorkOS.AspNetCore.Templates</c> would from nuget.org.
/// </summary>
/// <remarks>
/// Everything lives in one temporary folder outside the repository, deleted afterwards: the feed, the CLI home, the
/// template hive, the NuGet packages folder the generated apps restore into and the apps. The packages get a version
/// no other run has, so a restore can never pick up a package packed earlier; packages from nuget.org come from the
/// machine's NuGet cache (a fallback folder, read only) or the feed.
/// </remarks>
public sealed class TemplatePackage : IAsyncLifetime
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(2);
    private static readonly string[] LibraryProjects =
    [
        "src/WorkOS.AspNetCore/WorkOS.AspNetCore.csproj",
        "src/WorkOS.AspNetCore.Emulator/WorkOS.AspNetCore.Emulator.csproj",
        "src/WorkOS.AspNetCore.Testing/WorkOS.AspNetCore.Testing.csproj",
        "templates/WorkOS.AspNetCore.Templates/WorkOS.AspNetCore.Templates.csproj",
    ];

    /// <summary>The version every package of this run is packed with.</summary>
    public string Version { get; } = $"0.0.1-test.g{Guid.NewGuid():N}";

    public string Root { get; } = Directory.CreateTempSubdirectory("workos-template-test-").FullName;

    public string Feed => Path.Combine(Root, "feed");

    public string Hive => Path.Combine(Root, "hive");

    internal DotnetCli Cli { get; private set; } = null!;

    private string _userPackages = null!;

    public async Task InitializeAsync()
    {
        _userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetEnvironmentVariable("DOTNET_CLI_HOME")
                ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        Cli = new DotnetCli(new Dictionary<string, string>
        {
            ["DOTNET_CLI_HOME"] = Path.Combine(Root, "home"),
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "false",
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["UseSharedCompilation"] = "false",
            ["UseRazorBuildServer"] = "false",
        });

        // The apps are created under Root/apps: empty Directory.Build.* and Directory.Packages.props files above them stop
        // MSBuild from picking up any the machine's temporary folder may have.
        var apps = Directory.CreateDirectory(Path.Combine(Root, "apps")).FullName;
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            await File.WriteAllTextAsync(Path.Combine(Root, file), "<Project />\n");
        }

        var repository = FindRepositoryRoot();
        foreach (var project in LibraryProjects)
        {
            // --artifacts-path keeps this pack's bin and obj out of the repository's, which other builds may be using.
            Succeeded(await Cli.RunAsync(repository, PackTimeout, "pack", project, "-c", "Release", "-o", Feed,
                "--artifacts-path", Path.Combine(Root, "artifacts"), $"-p:Version={Version}",
                "-p:EnablePackageValidation=false", "-p:IncludeSymbols=false"));
        }

        Succeeded(await Cli.RunAsync(Root, InstallTimeout, "new", "install",
            Path.Combine(Feed, $"WorkOS.AspNetCore.Templates.{Version}.nupkg"), "--debug:custom-hive", Hive));
        AppsFolder = apps;
    }

    /// <summary>Where the apps are created.</summary>
    public string AppsFolder { get; private set; } = null!;

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The nuget.config of a generated solution: the packed library packages from the feed, everything else from
    /// nuget.org, restored into this run's packages folder.
    /// </summary>
    public Task WriteNuGetConfigAsync(string solutionFolder) =>
        File.WriteAllTextAsync(Path.Combine(solutionFolder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(Root, "packages")}" />
              </config>
              <packageSources>
                <clear />
                <add key="workos-local" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <fallbackPackageFolders>
                <clear />
                <add key="machine" value="{_userPackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);

    internal static DotnetResult Succeeded(DotnetResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WorkOS.AspNetCore.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No WorkOS.AspNetCore.sln above {AppContext.BaseDirectory}.");
    }
}
