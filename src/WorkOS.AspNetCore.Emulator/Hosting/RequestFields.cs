using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace WorkOS.AspNetCore.Emulator.Hosting;

/// <summary>
/// The fields of a request body, form-encoded or JSON (top-level properties; strings as is, other values as raw
/// JSON), read once per request and shared by the request log and the endpoints.
/// </summary>
internal sealed class RequestFields
{
    private const int MaxBodyBytes = 1024 * 1024;
    private static readonly object ItemKey = new();

    private RequestFields(IReadOnlyDictionary<string, string> values, bool malformed)
    {
        Values = values;
        IsMalformed = malformed;
    }

    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>Whether the body claimed JSON or form content but could not be read as such.</summary>
    public bool IsMalformed { get; }

    public string? this[string name] =>
        Values.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    public static RequestFields Get(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var fields) && fields is RequestFields f ? f : Empty;

    private static RequestFields Empty { get; } = new(new Dictionary<string, string>(), false);

    public static async Task<RequestFields> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        var fields = Empty;
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (mediaType is "application/json" or "application/x-www-form-urlencoded" || mediaType?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true)
        {
            var text = await ReadTextAsync(request, context.RequestAborted).ConfigureAwait(false);
            fields = text is null
                ? new RequestFields(new Dictionary<string, string>(), true)
                : mediaType == "application/x-www-form-urlencoded" ? FromForm(text) : FromJson(text);
        }

        context.Items[ItemKey] = fields;
        return fields;
    }

    private static async Task<string?> ReadTextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static RequestFields FromForm(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in QueryHelpers.ParseQuery(text))
        {
            values[key] = value.ToString();
        }

        return new RequestFields(values, false);
    }

    private static RequestFields FromJson(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new RequestFields(new Dictionary<string, string>(), false);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new RequestFields(new Dictionary<string, string>(), true);
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                values[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.Null => "",
                    _ => property.Value.GetRawText(),
                };
            }

            return new RequestFields(values, false);
        }
        catch (JsonException)
        {
            return new RequestFields(new Dictionary<string, string>(), true);
        }
    }
}
