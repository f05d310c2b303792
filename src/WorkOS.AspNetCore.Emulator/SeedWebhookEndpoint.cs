namespace WorkOS.AspNetCore.Emulator;

/// <summary>A webhook endpoint the emulator delivers its events to, signed with <see cref="Secret"/>.</summary>
public sealed class SeedWebhookEndpoint
{
    /// <summary>The endpoint id (<c>we_...</c>); generated when missing.</summary>
    public string? Id { get; set; }

    /// <summary>The absolute <c>http</c> or <c>https</c> URL the events are POSTed to.</summary>
    public string Url { get; set; } = "";

    /// <summary>The signing secret; the <c>WorkOS-Signature</c> header is an HMAC-SHA256 keyed with it.</summary>
    public string Secret { get; set; } = "";
}
