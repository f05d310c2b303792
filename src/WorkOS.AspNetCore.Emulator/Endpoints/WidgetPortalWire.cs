using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>The answer of <c>POST /widgets/token</c>.</summary>
internal sealed record WidgetTokenDto(string Token);

/// <summary>The answer of <c>POST /portal/generate_link</c>.</summary>
internal sealed record PortalLinkDto(string Link);

/// <summary>One failed requirement of a request: the field and what it must be.</summary>
internal sealed record FieldErrorDto(string Field, string Code);

/// <summary>WorkOS's validation error: <c>{"code":"invalid_request_parameters","message":"...","errors":[{"field","code"}]}</c>.</summary>
internal sealed record ValidationErrorDto(string Code, string Message, FieldErrorDto[] Errors);

/// <summary>The JSON of the widget token and Admin Portal endpoints: snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(WidgetTokenDto))]
[JsonSerializable(typeof(PortalLinkDto))]
[JsonSerializable(typeof(ValidationErrorDto))]
internal sealed partial class WidgetPortalJsonContext : JsonSerializerContext;
