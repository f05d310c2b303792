namespace WorkOS.AspNetCore.Emulator.Wire;

/// <summary>A WorkOS list response with cursor metadata.</summary>
internal sealed record ListDto<T>(IReadOnlyList<T> Data, ListMetadataDto ListMetadata);

/// <summary>Cursors for the previous (<c>before</c>) and next (<c>after</c>) page.</summary>
internal sealed record ListMetadataDto(string? Before, string? After);
