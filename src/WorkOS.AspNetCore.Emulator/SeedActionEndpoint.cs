namespace WorkOS.AspNetCore.Emulator;

/// <summary>An AuthKit Actions endpoint the emulator calls, signed with <see cref="Secret"/>, and whose answers it checks with it.</summary>
public sealed class SeedActionEndpoint
{
    /// <summary>The absolute <c>http</c> or <c>https</c> URL the action contexts are POSTed to.</summary>
    public string Url { get; set; } = "";

    /// <summary>The Actions secret: the <c>WorkOS-Signature</c> header and the answer's signature are HMAC-SHA256 keyed with it.</summary>
    public string Secret { get; set; } = "";
}
