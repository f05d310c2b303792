using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.SignIn;

/// <summary>What a pending step of a custom sign-in needs, as <see cref="SignInStepProtector"/> protects it for the page.</summary>
internal sealed class SignInStep
{
    [JsonPropertyName("k")] public required SignInStepKind Kind { get; init; }

    /// <summary>WorkOS's pending authentication token.</summary>
    [JsonPropertyName("t")] public required string PendingToken { get; init; }

    /// <summary>The SHA-256 (base64url) of the browser nonce the step is bound to.</summary>
    [JsonPropertyName("b")] public string BrowserHash { get; set; } = string.Empty;

    [JsonPropertyName("u")] public string? UserId { get; init; }
    [JsonPropertyName("e")] public string? Email { get; init; }
    [JsonPropertyName("o")] public List<WorkOSOrganizationChoice>? Organizations { get; init; }
    [JsonPropertyName("f")] public string? FactorId { get; init; }
    [JsonPropertyName("c")] public string? ChallengeId { get; init; }
    [JsonPropertyName("r")] public string? ReturnUrl { get; init; }

    /// <summary>
    /// The enrollment a challenge right after enrolling follows, so a wrong code shows the QR code and secret again
    /// (the user may not have scanned it yet); none for the challenge of an enrolled user's later sign-in.
    /// </summary>
    [JsonPropertyName("m")] public SignInStepTotp? Totp { get; init; }

    /// <summary>The enrollment to show with this step, if it follows one.</summary>
    public WorkOSTotpEnrollment? Enrollment() =>
        Totp is { Secret.Length: > 0 } totp ? new WorkOSTotpEnrollment(FactorId ?? string.Empty, totp.QrCode ?? string.Empty, totp.Secret, totp.Uri ?? string.Empty) : null;
}

/// <summary>What a pending challenge keeps of the authenticator app enrollment it follows.</summary>
internal sealed class SignInStepTotp
{
    /// <summary>The longest QR code kept (a data URI): a larger one is left out and the page shows the secret only.</summary>
    public const int MaxQrCode = 4096;

    [JsonPropertyName("q")] public string? QrCode { get; init; }
    [JsonPropertyName("s")] public required string Secret { get; init; }
    [JsonPropertyName("u")] public string? Uri { get; init; }
}

/// <summary>The step a pending authentication token is waiting for.</summary>
internal enum SignInStepKind
{
    EmailVerification = 1,
    MfaEnrollment = 2,
    MfaChallenge = 3,
    OrganizationSelection = 4,
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SignInStep))]
internal sealed partial class SignInStepJsonContext : JsonSerializerContext;
