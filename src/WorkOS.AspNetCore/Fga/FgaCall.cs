using System.Globalization;
using System.Net;
using WorkOS.AspNetCore.Api;

namespace WorkOS.AspNetCore.Fga;

/// <summary>Why WorkOS gave no usable answer to a call of a fine-grained check.</summary>
/// <param name="StatusCode">WorkOS's status, when it answered.</param>
/// <param name="Error">The code logged and given to <c>OnCheckFailed</c>: <c>http_503</c>, <c>timeout</c>, <c>network_error</c>, ...</param>
/// <param name="Exception">What the API client reported, if anything.</param>
internal sealed record FgaFailure(HttpStatusCode? StatusCode, string Error, Exception? Exception)
{
    public static FgaFailure From(WorkOSApiException exception) => new(exception.StatusCode,
        exception.StatusCode is { } status ? "http_" + ((int)status).ToString(CultureInfo.InvariantCulture) : exception.ErrorCode ?? "network_error",
        exception);

    public static FgaFailure Timeout(Exception exception) => new(null, "timeout", exception);
}

/// <summary>The answer of one WorkOS call of a fine-grained check, or why there is none.</summary>
internal readonly record struct FgaCall<T>(T Value, FgaFailure? Failure)
{
    public static FgaCall<T> Answered(T value) => new(value, null);

    public static FgaCall<T> Failed(FgaFailure failure) => new(default!, failure);
}
