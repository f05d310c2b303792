namespace WorkOS.AspNetCore.Session;

/// <summary>
/// Gives the signed-in user's valid WorkOS access token (refreshed first when near expiry) for calls to downstream
/// APIs. Works in HTTP requests and, with <c>AddWorkOSBlazorServer()</c>, inside Blazor Server circuits, where there
/// is no HTTP request to read a cookie from.
/// </summary>
public interface IWorkOSAccessTokenProvider
{
    /// <summary>The access token, or <see langword="null"/> when no one is signed in or the session cannot be refreshed.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The token.</returns>
    Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default);
}
