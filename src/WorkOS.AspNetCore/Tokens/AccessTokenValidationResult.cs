using Microsoft.IdentityModel.JsonWebTokens;

namespace WorkOS.AspNetCore.Tokens;

/// <summary>The outcome of verifying a WorkOS access token: the token, or why it was refused.</summary>
internal sealed record AccessTokenValidationResult(JsonWebToken? Token, string? Error, Exception? Exception = null)
{
    public bool IsValid => Token is not null;

    public static AccessTokenValidationResult Success(JsonWebToken token) => new(token, null);

    public static AccessTokenValidationResult Failure(string error, Exception? exception = null) => new(null, error, exception);
}
