#if BLAZOR_SCRIPT_FALLBACK
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace WorkOS.AspNetCore.Sample;

/// <summary>
/// Serves <c>_framework/blazor.web.js</c> when the build could not get it from its usual package: the script is read
/// from the resources of the .NET 9 runtime pack's Components.Endpoints assembly (the Blazor Server hub protocol is
/// the same). Used only when the sample is built without <c>RequiresAspNetWebAssets</c>.
/// </summary>
internal static class BlazorScriptFallback
{
    private const string ResourceName = "_framework/blazor.web.js";

    public static IEndpointConventionBuilder MapBlazorScriptFallback(this IEndpointRouteBuilder endpoints)
    {
        var script = new Lazy<byte[]>(Load);
        return endpoints.MapGet("/" + ResourceName, () => Results.Bytes(script.Value, "text/javascript"));
    }

    private static byte[] Load()
    {
        var source = Environment.GetEnvironmentVariable("BLAZOR_SCRIPT_SOURCE")
            ?? typeof(BlazorScriptFallback).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "BlazorScriptSource").Value!;
        using var pe = new PEReader(File.OpenRead(source));
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!resource.Implementation.IsNil || metadata.GetString(resource.Name) != ResourceName)
            {
                continue;
            }

            // An embedded resource is a 4-byte length and the bytes, at its offset in the resources directory.
            var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
            var reader = pe.GetSectionData(directory.RelativeVirtualAddress).GetReader((int)resource.Offset, directory.Size - (int)resource.Offset);
            return reader.ReadBytes(reader.ReadInt32());
        }

        throw new InvalidOperationException($"{ResourceName} is not in {source}.");
    }
}
#endif
