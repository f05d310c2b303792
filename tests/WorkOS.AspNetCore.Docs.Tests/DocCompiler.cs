using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace WorkOS.AspNetCore.Docs.Tests;

/// <summary>
/// Compiles docs blocks in memory the way a new project would: a <c>dotnet new web</c> project's implicit usings and
/// nothing else, nullable on, against the .NET and ASP.NET Core frameworks and the WorkOS packages (test blocks also
/// against xunit and Microsoft.AspNetCore.Mvc.Testing).
/// </summary>
public static class DocCompiler
{
    /// <summary>The global usings Microsoft.NET.Sdk.Web gives a project with ImplicitUsings enabled.</summary>
    public static readonly string[] WebImplicitUsings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Net.Http.Json",
        "System.Threading", "System.Threading.Tasks", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    /// <summary>What a test project adds: <c>&lt;Using Include="Xunit" /&gt;</c>, as the xunit template has.</summary>
    public static readonly string[] TestImplicitUsings = [.. WebImplicitUsings, "Xunit"];

    // Assemblies only a test project references; an app's Program.cs compiles without them.
    private static readonly string[] TestOnlyAssemblyPrefixes = ["xunit", "Microsoft.AspNetCore.Mvc.Testing", "Microsoft.AspNetCore.TestHost"];

    private static readonly Lazy<MetadataReference[]> AppReferences = new(() => References(includeTestAssemblies: false));
    private static readonly Lazy<MetadataReference[]> TestReferences = new(() => References(includeTestAssemblies: true));

    /// <summary>Compiles <paramref name="sources"/> as one app (top-level statements allowed); the errors, if any.</summary>
    public static IReadOnlyList<string> Errors(bool test, params string[] sources) =>
        Compile(test, sources).GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{d.Location.GetLineSpan()}: {d.Id} {d.GetMessage()}")
            .ToList();

    /// <summary>The compilation of <paramref name="sources"/>, with the implicit usings of the project kind.</summary>
    public static CSharpCompilation Compile(bool test, params string[] sources)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var usings = string.Join('\n', (test ? TestImplicitUsings : WebImplicitUsings).Select(u => $"global using global::{u};"));
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, path: $"Block{i}.cs"))
            .Prepend(CSharpSyntaxTree.ParseText(usings, parse, path: "GlobalUsings.g.cs"));
        return CSharpCompilation.Create(
            "DocsApp",
            trees,
            test ? TestReferences.Value : AppReferences.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static MetadataReference[] References(bool includeTestAssemblies)
    {
        // The test host's trusted platform assemblies are the runtime, the ASP.NET Core shared framework and every
        // assembly this project references (the WorkOS packages, Mvc.Testing, xunit).
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return paths
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Where(p => includeTestAssemblies || !TestOnlyAssemblyPrefixes.Any(prefix =>
                Path.GetFileName(p).StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .Where(p => !Path.GetFileName(p).StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase))
            .Where(IsManaged)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray();
    }

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
