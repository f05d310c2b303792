namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>A user shown on the sign-in page.</summary>
internal sealed record SignInCandidate(string Id, string Email, string DisplayName);
