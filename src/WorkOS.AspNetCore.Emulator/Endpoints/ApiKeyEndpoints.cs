using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary><c>POST /api_keys/validations</c> <c>{value}</c>: the key, or <c>{"api_key":null}</c> when unknown.</summary>
internal static class ApiKeyEndpoints
{
    public static Task ValidateAsync(HttpContext context, EmulatorCore core)
    {
        var fields = RequestFields.Get(context);
        if (fields["value"] is not { } value)
        {
            return Responses.InvalidParametersAsync(context, "value is required.");
        }

        return Responses.JsonAsync(context, 200, new ApiKeyValidationDto(core.Store.ValidateApiKey(value)), WireJsonContext.Default.ApiKeyValidationDto);
    }
}
