using Microsoft.AspNetCore.Http;
using QRCoder;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.State;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// TOTP factors (API key): the standalone MFA API (<c>POST /auth/factors/enroll</c>, <c>GET /auth/factors/{id}</c>,
/// <c>POST /auth/factors/{id}/challenge</c>, <c>POST /auth/challenges/{id}/verify</c>) and a user's factors
/// (<c>POST</c> and <c>GET /user_management/users/{id}/auth_factors</c>). Enrollment answers the secret, the otpauth URI
/// and its QR code as a PNG data URI.
/// </summary>
internal static class MfaEndpoints
{
    public static Task EnrollAsync(HttpContext context, EmulatorCore core)
    {
        var fields = RequestFields.Get(context);
        return EnrollCoreAsync(context, core, fields, userId: null);
    }

    public static Task EnrollForUserAsync(HttpContext context, EmulatorCore core)
    {
        var userId = context.Request.RouteValues["userId"] as string ?? "";
        if (core.Store.GetUser(userId) is null)
        {
            return Responses.NotFoundAsync(context, $"User not found: '{userId}'.");
        }

        return EnrollCoreAsync(context, core, RequestFields.Get(context), userId);
    }

    public static Task ListForUserAsync(HttpContext context, EmulatorCore core)
    {
        var userId = context.Request.RouteValues["userId"] as string ?? "";
        if (core.Store.GetUser(userId) is null)
        {
            return Responses.NotFoundAsync(context, $"User not found: '{userId}'.");
        }

        var factors = core.Store.FactorsOf(userId).Select(f => ToDto(f, withSecrets: false)).ToList();
        return Responses.JsonAsync(context, 200, new ListDto<AuthenticationFactorDto>(factors, new ListMetadataDto(null, null)),
            SignInFlowJsonContext.Default.ListDtoAuthenticationFactorDto);
    }

    public static Task GetAsync(HttpContext context, EmulatorCore core)
    {
        var id = context.Request.RouteValues["factorId"] as string ?? "";
        return core.Store.GetFactor(id) is { } factor
            ? Responses.JsonAsync(context, 200, ToDto(factor, withSecrets: false), SignInFlowJsonContext.Default.AuthenticationFactorDto)
            : Responses.NotFoundAsync(context, $"Authentication factor not found: '{id}'.");
    }

    public static Task ChallengeAsync(HttpContext context, EmulatorCore core)
    {
        var id = context.Request.RouteValues["factorId"] as string ?? "";
        return core.Store.CreateChallenge(id) is { } challenge
            ? Responses.JsonAsync(context, 201, ToDto(challenge), SignInFlowJsonContext.Default.AuthenticationChallengeDto)
            : Responses.NotFoundAsync(context, $"Authentication factor not found: '{id}'.");
    }

    public static Task VerifyAsync(HttpContext context, EmulatorCore core)
    {
        var id = context.Request.RouteValues["challengeId"] as string ?? "";
        if (RequestFields.Get(context)["code"] is not { } code)
        {
            return MagicAuthEndpoints.RefuseAsync(context, core, "code is required.");
        }

        var (challenge, result) = core.Store.VerifyChallenge(id, code);
        switch (result)
        {
            case ChallengeVerification.UnknownChallenge:
                return Responses.NotFoundAsync(context, $"Authentication challenge not found: '{id}'.");
            case ChallengeVerification.AlreadyVerified:
                SignInFlowLog.RequestRefused(CustomGrants.Logger(core), "POST", context.Request.Path, 422, "the challenge was already verified");
                return Responses.ErrorAsync(context, 422, "authentication_challenge_previously_verified", $"The authentication challenge '{id}' has already been verified.");
            case ChallengeVerification.Expired:
                SignInFlowLog.RequestRefused(CustomGrants.Logger(core), "POST", context.Request.Path, 422, "the challenge expired");
                return Responses.ErrorAsync(context, 422, "authentication_challenge_expired", $"The authentication challenge '{id}' has expired.");
            default:
                return Responses.JsonAsync(context, 200, new ChallengeVerificationDto(ToDto(challenge!), result == ChallengeVerification.Valid),
                    SignInFlowJsonContext.Default.ChallengeVerificationDto);
        }
    }

    private static Task EnrollCoreAsync(HttpContext context, EmulatorCore core, RequestFields fields, string? userId)
    {
        if (fields["type"] != "totp")
        {
            return MagicAuthEndpoints.RefuseAsync(context, core, "type must be 'totp' (the emulator has no SMS factors).");
        }

        var (factor, problem) = core.Store.EnrollTotpFactor(userId, fields["totp_issuer"], fields["totp_user"], fields["totp_secret"]);
        if (factor is null)
        {
            return MagicAuthEndpoints.RefuseAsync(context, core, problem!);
        }

        var dto = ToDto(factor, withSecrets: true);
        if (userId is null)
        {
            return Responses.JsonAsync(context, 201, dto, SignInFlowJsonContext.Default.AuthenticationFactorDto);
        }

        var challenge = core.Store.CreateChallenge(factor.Id)!;
        return Responses.JsonAsync(context, 201, new UserFactorEnrollmentDto(dto, ToDto(challenge)), SignInFlowJsonContext.Default.UserFactorEnrollmentDto);
    }

    private static AuthenticationFactorDto ToDto(TotpFactorRecord factor, bool withSecrets)
    {
        TotpDto totp;
        if (withSecrets)
        {
            var uri = EmulatorStore.OtpAuthUri(factor);
            var png = PngByteQRCodeHelper.GetQRCode(uri, QRCodeGenerator.ECCLevel.M, 6);
            totp = new TotpDto(factor.Issuer, factor.User, "data:image/png;base64," + Convert.ToBase64String(png),
                OtpNet.Base32Encoding.ToString(factor.Secret).TrimEnd('='), uri);
        }
        else
        {
            totp = new TotpDto(factor.Issuer, factor.User);
        }

        return new AuthenticationFactorDto("authentication_factor", factor.Id, WireTime.Format(factor.CreatedAt), WireTime.Format(factor.UpdatedAt), "totp", totp, factor.UserId);
    }

    private static AuthenticationChallengeDto ToDto(ChallengeRecord challenge) =>
        new("authentication_challenge", challenge.Id, WireTime.Format(challenge.CreatedAt), WireTime.Format(challenge.UpdatedAt),
            WireTime.Format(challenge.ExpiresAt), challenge.FactorId);
}
