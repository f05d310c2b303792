using System.Reflection;

namespace WorkOS.AspNetCore.ScaleOut.Tests.Infrastructure;

/// <summary>Where the test project's build put the programs the tests run (the project file records the paths).</summary>
internal static class ScaleOutPaths
{
    /// <summary>The scale-out app, run as <c>dotnet WorkOS.AspNetCore.ScaleOut.App.dll</c>.</summary>
    public static string App { get; } = Find("ScaleOutApp");

    /// <summary>The standalone emulator, run as <c>dotnet WorkOS.AspNetCore.Emulator.Tool.dll</c>.</summary>
    public static string EmulatorTool { get; } = Find("EmulatorTool");

    private static string Find(string key)
    {
        var path = typeof(ScaleOutPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build the test project, which builds it.", path);
    }
}
