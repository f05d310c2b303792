using Microsoft.AspNetCore.Http;

namespace WorkOS.AspNetCore.Session;

/// <summary>The access token of the current HTTP request's session.</summary>
internal sealed class HttpContextAccessTokenProvider(IHttpContextAccessor accessor, SessionOperations operations) : IWorkOSAccessTokenProvider
{
    public Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default) =>
        accessor.HttpContext is { } context
            ? operations.GetAccessTokenAsync(context, WorkOSAuthKitDefaults.AuthenticationScheme)
            : Task.FromResult<string?>(null);
}
