using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using WorkOS.AspNetCore.Tokens;

namespace WorkOS.AspNetCore.Http;

/// <summary>What a request holds, as far as the bearer and API key schemes are concerned.</summary>
internal enum CredentialRead
{
    /// <summary>No credential for this scheme: no header, or another scheme (Basic, ...).</summary>
    Absent,

    /// <summary>A credential was read.</summary>
    Present,

    /// <summary>Present but unusable: <c>Bearer</c> with nothing after it, several headers, characters no credential has.</summary>
    Malformed,

    /// <summary>Longer than any WorkOS token or key can be.</summary>
    TooLarge,
}

/// <summary>Reads bearer credentials without trusting their size or shape, for the bearer and API key schemes.</summary>
internal static class ApiCredentials
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>The longest <c>Authorization</c> value read at all: the largest accepted token plus the scheme.</summary>
    public const int MaxHeaderLength = AccessTokenValidator.MaxTokenLength + 64;

    public static CredentialRead ReadBearer(HttpRequest request, out string credential)
    {
        var read = ReadBearerInPlace(request, out var span);
        credential = read == CredentialRead.Present ? span.ToString() : string.Empty;
        return read;
    }

    /// <summary>As <see cref="ReadBearer(HttpRequest, out string)"/>, the credential left in the header's own characters.</summary>
    public static CredentialRead ReadBearerInPlace(HttpRequest request, out ReadOnlySpan<char> credential)
    {
        credential = default;
        var values = request.Headers[HeaderNames.Authorization];
        if (values.Count == 0)
        {
            return CredentialRead.Absent;
        }

        var first = values[0] ?? string.Empty;
        var isBearer = first.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            || first.Trim().Equals("Bearer", StringComparison.OrdinalIgnoreCase);
        if (!isBearer)
        {
            return CredentialRead.Absent;
        }

        if (values.Count > 1)
        {
            return CredentialRead.Malformed;
        }

        if (first.Length > MaxHeaderLength)
        {
            return CredentialRead.TooLarge;
        }

        credential = first.Length > BearerPrefix.Length ? first.AsSpan(BearerPrefix.Length).Trim() : default;
        return credential.Length == 0 ? CredentialRead.Malformed : CredentialRead.Present;
    }

    /// <summary>Whether a credential has the shape of a JWT (three dot-separated parts), so it is a token, not an API key.</summary>
    public static bool LooksLikeJwt(string credential) => credential.AsSpan().Count('.') == 2;
}
