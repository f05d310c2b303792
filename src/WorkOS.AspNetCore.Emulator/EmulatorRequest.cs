namespace WorkOS.AspNetCore.Emulator;

/// <summary>One request the emulator received, as recorded in <see cref="WorkOSEmulator.Requests"/>.</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Path">The request path, without the query string.</param>
/// <param name="Query">The query string without the leading <c>?</c>; secret values are shown as <c>***</c>.</param>
/// <param name="Body">
/// The fields of a form or JSON body (nested JSON values as raw JSON text); empty when there was none. Secrets
/// (<c>client_secret</c>, API key values, passwords) are shown as <c>***</c>.
/// </param>
/// <param name="StatusCode">The status code the emulator answered with.</param>
/// <param name="Timestamp">When the request arrived, by the emulator's <see cref="WorkOSEmulatorOptions.TimeProvider"/>.</param>
public sealed record EmulatorRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Body,
    int StatusCode,
    DateTimeOffset Timestamp);
