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
