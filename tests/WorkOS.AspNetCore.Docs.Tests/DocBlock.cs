using System.Text.RegularExpressions;

namespace WorkOS.AspNetCore.Docs.Tests;

/// <summary>What a C# block of the docs claims to be, by the mark on the line before it.</summary>
public enum DocBlockKind
{
    /// <summary>No mark, or one that names no kind.</summary>
    Unmarked,

    /// <summary><c>&lt;!-- docs: program --&gt;</c>: a complete <c>Program.cs</c> of a <c>dotnet new web</c> project.</summary>
    Program,

    /// <summary>
    /// <c>&lt;!-- docs: test --&gt;</c>: a complete test file of the app's test project. Marked
    /// <c>&lt;!-- docs: test run --&gt;</c>, it is also built into this project and run against the quick start.
    /// </summary>
    Test,

    /// <summary><c>&lt;!-- docs: fragment --&gt;</c>: lines to read in context, not compiled.</summary>
    Fragment,
}

/// <summary>One <c>```csharp</c> block of a document, with the line it starts on.</summary>
/// <remarks>
/// A program that needs Razor components, which are compiled from <c>.razor</c> files shown next to it, names them in
/// its mark (<c>&lt;!-- docs: program razor=App --&gt;</c>); the compilation then has an empty component of that name.
/// </remarks>
public sealed partial record DocBlock(string Document, int Line, DocBlockKind Kind, string Code, IReadOnlyList<string> RazorComponents)
{
    /// <summary>Where the block is, as an editor shows it.</summary>
    public override string ToString() => $"{Document}:{Line} ({Kind})";

    /// <summary>The <c>```csharp</c> blocks of <paramref name="document"/>, in order.</summary>
    public static IReadOnlyList<DocBlock> Read(string document)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "docs", document));
        var blocks = new List<DocBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = lines[i].TrimStart();
            if (!fence.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var language = fence[3..].Trim();
            var end = i + 1;
            while (end < lines.Length && !lines[end].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                end++;
            }

            if (language is "csharp" or "cs" or "c#")
            {
                var mark = i > 0 ? Mark().Match(lines[i - 1]) : Match.Empty;
                var kind = mark.Success && Enum.TryParse<DocBlockKind>(mark.Groups[1].Value, ignoreCase: true, out var k) && k != DocBlockKind.Unmarked
                    ? k
                    : DocBlockKind.Unmarked;
                var razor = mark.Success && mark.Groups[2].Success ? mark.Groups[2].Value.Split(',') : [];
                blocks.Add(new DocBlock(document, i + 1, kind, string.Join('\n', lines[(i + 1)..Math.Min(end, lines.Length)]), razor));
            }

            i = end;
        }

        return blocks;
    }

    [GeneratedRegex(@"^\s*<!--\s*docs:\s*([a-z]+)(?:\s+run)?(?:\s+razor=([A-Za-z]+(?:,[A-Za-z]+)*))?\s*-->\s*$")]
    private static partial Regex Mark();
}
