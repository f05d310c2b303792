namespace WorkOS.AspNetCore.Docs.Tests;

/// <summary>Every C# block of the docs says what it is, and the complete ones compile as printed.</summary>
public sealed class DocBlockTests
{
    /// <summary>The documents whose C# blocks are tested.</summary>
    public static TheoryData<string> Documents => new() { "README.md", "EXAMPLES.md" };

    /// <summary>The complete programs of the docs, by document and line.</summary>
    public static TheoryData<string, int> Programs => Blocks(DocBlockKind.Program);

    /// <summary>The complete test files of the docs, by document and line.</summary>
    public static TheoryData<string, int> Tests => Blocks(DocBlockKind.Test);

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_csharp_block_is_marked_as_a_program_a_test_or_a_fragment(string document)
    {
        var blocks = DocBlock.Read(document);

        Assert.NotEmpty(blocks);
        var unmarked = blocks.Where(b => b.Kind == DocBlockKind.Unmarked).Select(b => b.ToString()).ToList();
        Assert.True(unmarked.Count == 0,
            "Put <!-- docs: program -->, <!-- docs: test --> or <!-- docs: fragment --> on the line before each of: " + string.Join(", ", unmarked));
    }

    [Fact]
    public void The_readme_has_a_complete_program_and_a_complete_test()
    {
        var blocks = DocBlock.Read("README.md");

        Assert.Contains(blocks, b => b.Kind == DocBlockKind.Program);
        Assert.Contains(blocks, b => b.Kind == DocBlockKind.Test);
    }

    [Fact]
    public void The_quick_start_is_the_readmes_first_program_and_uses_the_library()
    {
        var quickStart = QuickStart();

        Assert.Contains("AddWorkOSAuthKit", quickStart.Code, StringComparison.Ordinal);
        Assert.Contains("MapWorkOSAuthKit", quickStart.Code, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void A_program_block_compiles_as_printed_in_a_new_web_project(string document, int line)
    {
        var block = DocBlock.Read(document).Single(b => b.Line == line);

        // Razor components the block names come from .razor files; stand-ins take their place.
        var components = block.RazorComponents.Select(c => $"public sealed class {c} : Microsoft.AspNetCore.Components.ComponentBase {{ }}");
        var errors = DocCompiler.Errors(test: false, [block.Code, .. components]);

        Assert.True(errors.Count == 0, $"{block} does not compile as a new web project's Program.cs:\n{string.Join('\n', errors)}");
    }

    [Theory]
    [MemberData(nameof(Tests))]
    public void A_test_block_compiles_as_printed_against_the_quick_start_app(string document, int line)
    {
        var block = DocBlock.Read(document).Single(b => b.Line == line);

        // One app, one story: the quick start's Program.cs, the line the testing recipe tells the app to end with,
        // and the test file, as the app's test project would see them.
        var errors = DocCompiler.Errors(test: true, QuickStart().Code, "public partial class Program;", block.Code);

        Assert.True(errors.Count == 0, $"{block} does not compile against the quick start:\n{string.Join('\n', errors)}");
    }

    [Fact]
    public void An_unmarked_block_or_a_block_that_does_not_compile_is_caught()
    {
        // The checks above can fail: a block without a mark is Unmarked, and a quick start without its usings does not compile.
        var path = Path.Combine(AppContext.BaseDirectory, "docs", "Unmarked.test.md");
        File.WriteAllText(path, "text\n\n```csharp\nvar x = 1;\n```\n<!-- docs: fragment -->\n```csharp\n...\n```\n");
        try
        {
            var blocks = DocBlock.Read("Unmarked.test.md");
            Assert.Equal([DocBlockKind.Unmarked, DocBlockKind.Fragment], blocks.Select(b => b.Kind));
        }
        finally
        {
            File.Delete(path);
        }

        var withoutUsings = string.Join('\n', QuickStart().Code.Split('\n').Where(l => !l.StartsWith("using ", StringComparison.Ordinal)));
        Assert.NotEmpty(DocCompiler.Errors(test: false, withoutUsings));
    }

    private static DocBlock QuickStart() => DocBlock.Read("README.md").First(b => b.Kind == DocBlockKind.Program);

    private static TheoryData<string, int> Blocks(DocBlockKind kind)
    {
        var data = new TheoryData<string, int>();
        foreach (var document in new[] { "README.md", "EXAMPLES.md" })
        {
            foreach (var block in DocBlock.Read(document).Where(b => b.Kind == kind))
            {
                data.Add(document, block.Line);
            }
        }

        return data;
    }
}
