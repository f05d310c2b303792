namespace WorkOS.AspNetCore.Emulator.Wire;

/// <summary>A JSON Web Key Set.</summary>
internal sealed record JwksDto(IReadOnlyList<JwkDto> Keys);

/// <summary>One public RSA signing key.</summary>
internal sealed record JwkDto(string Kty, string Use, string Alg, string Kid, string N, string E);
