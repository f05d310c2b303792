using System.Text;
using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Http;

namespace WorkOS.AspNetCore.Connect;

/// <summary>The <c>WWW-Authenticate</c> values of the Connect scheme: RFC 6750 parameters plus RFC 9728's <c>resource_metadata</c>.</summary>
internal static class ConnectChallenge
{
    /// <summary>The key under which a failed scope requirement leaves the missing scopes for the 403.</summary>
    public static readonly object MissingScopeKey = new();

    public static string Header(string metadataUrl, string? error, string? description, string? scope)
    {
        var builder = new StringBuilder("Bearer resource_metadata=\"").Append(ApiChallenge.Quoted(metadataUrl)).Append('"');
        if (!string.IsNullOrEmpty(error))
        {
            builder.Append(", error=\"").Append(ApiChallenge.Quoted(error)).Append('"');
        }

        if (!string.IsNullOrEmpty(description))
        {
            builder.Append(", error_description=\"").Append(ApiChallenge.Quoted(description)).Append('"');
        }

        if (!string.IsNullOrEmpty(scope))
        {
            builder.Append(", scope=\"").Append(ApiChallenge.Quoted(scope)).Append('"');
        }

        return builder.ToString();
    }

    /// <summary>
    /// The absolute URL of the protected-resource metadata: from <see cref="WorkOSConnectOptions.Resource"/> when set
    /// (RFC 9728 section 3.1: the well-known path between the host and the resource's path), else the request's origin.
    /// </summary>
    public static string MetadataUrl(HttpRequest request, WorkOSConnectOptions options)
    {
        if (options.Resource is { } resource && Uri.TryCreate(resource, UriKind.Absolute, out var uri))
        {
            return uri.GetLeftPart(UriPartial.Authority) + MetadataPath(options);
        }

        return $"{request.Scheme}://{request.Host}{request.PathBase}{WorkOSConnectDefaults.ProtectedResourceMetadataPath}";
    }

    /// <summary>The path the metadata is served at for these options.</summary>
    public static string MetadataPath(WorkOSConnectOptions options) =>
        options.Resource is { } resource && Uri.TryCreate(resource, UriKind.Absolute, out var uri) && uri.AbsolutePath.TrimEnd('/') is { Length: > 0 } path
            ? WorkOSConnectDefaults.ProtectedResourceMetadataPath + path
            : WorkOSConnectDefaults.ProtectedResourceMetadataPath;
}
