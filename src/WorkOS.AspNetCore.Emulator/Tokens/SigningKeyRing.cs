using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Emulator.State;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Tokens;

/// <summary>
/// The RSA keys that sign access tokens: the newest signs, older ones stay published in the JWKS until retired.
/// </summary>
internal sealed class SigningKeyRing : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly List<RsaSecurityKey> _published = [];
    private readonly List<RSA> _allKeys = [];

    public SigningKeyRing(TimeProvider time)
    {
        _time = time;
        Rotate(retireOld: false);
    }

    public RsaSecurityKey Current
    {
        get
        {
            lock (_gate)
            {
                return _published[^1];
            }
        }
    }

    public void Rotate(bool retireOld)
    {
        var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = IdGenerator.NewId("sso_oidc_key_pair_", _time.GetUtcNow()) };
        lock (_gate)
        {
            _allKeys.Add(rsa);
            if (retireOld)
            {
                _published.Clear();
            }

            _published.Add(key);
        }
    }

    /// <summary>The public half of every published key.</summary>
    public JwksDto ToJwks()
    {
        lock (_gate)
        {
            return new JwksDto([.. _published.Select(ToJwk)]);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var rsa in _allKeys)
            {
                rsa.Dispose();
            }

            _allKeys.Clear();
        }
    }

    private static JwkDto ToJwk(RsaSecurityKey key)
    {
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
        return new JwkDto(
            "RSA",
            "sig",
            SecurityAlgorithms.RsaSha256,
            key.KeyId,
            Base64Url.EncodeToString(parameters.Modulus),
            Base64Url.EncodeToString(parameters.Exponent));
    }
}
