using System.Net.Http.Headers;
using System.Text;

namespace WorkOS.AspNetCore.Connect;

/// <summary>Client authentication of OAuth requests.</summary>
internal static class ClientCredentials
{
    /// <summary><c>Basic base64(urlencode(id):urlencode(secret))</c>, as RFC 6749 section 2.3.1 says.</summary>
    public static AuthenticationHeaderValue BasicHeader(string clientId, string clientSecret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(clientSecret)}")));
}
