using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Actions;

/// <summary>Source-generated JSON metadata for the action contexts WorkOS sends.</summary>
[JsonSerializable(typeof(WorkOSAuthenticationActionContext))]
[JsonSerializable(typeof(WorkOSUserRegistrationActionContext))]
internal sealed partial class ActionJsonContext : JsonSerializerContext;
