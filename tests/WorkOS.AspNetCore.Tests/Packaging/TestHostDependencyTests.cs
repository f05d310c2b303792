using System.Text.Json;
using WorkOS.AspNetCore.Emulator;

namespace WorkOS.AspNetCore.Tests.Packaging;

/// <summary>
/// A production app carries no test hosts: the emulator and its offline-development fallback live in
/// WorkOS.AspNetCore.Emulator, which depends on neither TestHost nor Mvc.Testing; only WorkOS.AspNetCore.Testing does.
/// </summary>
public sealed class TestHostDependencyTests
{
    private static readonly string[] TestHostAssemblies = ["Microsoft.AspNetCore.TestHost", "Microsoft.AspNetCore.Mvc.Testing"];

    [Fact]
    public void Sample_app_dependencies_include_the_emulator_but_no_test_host()
    {
        var libraries = DependencyNames(typeof(Program).Assembly.Location);

        Assert.Contains("WorkOS.AspNetCore.Emulator", libraries);
        Assert.DoesNotContain("WorkOS.AspNetCore.Testing", libraries);
        foreach (var testHost in TestHostAssemblies)
        {
            Assert.DoesNotContain(testHost, libraries);
        }
    }

    [Fact]
    public void Emulator_assembly_and_package_reference_no_test_host()
    {
        var assembly = typeof(WorkOSEmulator).Assembly;
        var referenced = assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        var dependencies = DependencyNames(assembly.Location);

        Assert.Contains("WorkOS.AspNetCore", referenced);
        Assert.Contains("Microsoft.AspNetCore", referenced);
        foreach (var testHost in TestHostAssemblies)
        {
            Assert.DoesNotContain(testHost, referenced);
            Assert.DoesNotContain(testHost, dependencies);
        }
    }

    /// <summary>The names of the libraries in the <c>.deps.json</c> written next to an assembly when it was built.</summary>
    private static HashSet<string> DependencyNames(string assemblyPath)
    {
        var depsPath = Path.ChangeExtension(assemblyPath, ".deps.json");
        Assert.True(File.Exists(depsPath), $"{depsPath} is missing.");
        using var deps = JsonDocument.Parse(File.ReadAllText(depsPath));
        var names = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name.Split('/')[0]).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(names);
        return names;
    }
}
