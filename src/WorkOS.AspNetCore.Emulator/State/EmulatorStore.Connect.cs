using System.Security.Cryptography;
using System.Text;

namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>A machine-to-machine application of WorkOS Connect.</summary>
internal sealed record M2MApplicationRecord(string ClientId, string ClientSecret, string OrganizationId, IReadOnlyList<string> Scopes);

/// <summary>A token the Connect endpoints issued, found again by introspection.</summary>
internal sealed record IssuedConnectToken(string Jti, string Issuer, string ClientId, string Subject, string Audience, string? OrganizationId,
    string? SessionId, string Scope, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

internal sealed partial class EmulatorStore
{
    private readonly Dictionary<string, IssuedConnectToken> _connectTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, M2MApplicationRecord> _m2mApplications = new(StringComparer.Ordinal);
    private readonly HashSet<string> _revokedConnectTokens = new(StringComparer.Ordinal);

    /// <summary>Loads the seed's M2M applications (from the constructor).</summary>
    private void LoadConnect(EmulatorSeed seed)
    {
        foreach (var application in seed.M2MApplications ?? [])
        {
            AddM2MApplication(application);
        }
    }

    /// <summary>Adds an M2M application; its client id is generated when missing.</summary>
    public M2MApplicationRecord AddM2MApplication(SeedM2MApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (string.IsNullOrEmpty(application.ClientSecret))
        {
            throw new ArgumentException("An M2M application needs a client secret.", nameof(application));
        }

        var record = new M2MApplicationRecord(
            string.IsNullOrEmpty(application.ClientId) ? IdGenerator.NewId("client_", Now) : application.ClientId,
            application.ClientSecret,
            application.OrganizationId,
            [.. (application.Scopes ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal)]);
        lock (_gate)
        {
            if (!_m2mApplications.TryAdd(record.ClientId, record))
            {
                throw new ArgumentException($"There is already an M2M application '{record.ClientId}'.", nameof(application));
            }
        }

        return record;
    }

    /// <summary>The M2M application with these credentials, the secret compared in constant time; otherwise <see langword="null"/>.</summary>
    public M2MApplicationRecord? AuthenticateM2MApplication(string clientId, string clientSecret)
    {
        M2MApplicationRecord? application;
        lock (_gate)
        {
            _m2mApplications.TryGetValue(clientId, out application);
        }

        return application is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(application.ClientSecret), Encoding.UTF8.GetBytes(clientSecret))
                ? application
                : null;
    }

    /// <summary>Remembers an issued token under the hash of its text.</summary>
    public void AddConnectToken(string token, IssuedConnectToken issued)
    {
        lock (_gate)
        {
            _connectTokens[Hash(token)] = issued;
        }
    }

    /// <summary>The issued token with exactly this text, revoked or not; <see langword="null"/> for a token never issued here.</summary>
    public IssuedConnectToken? FindConnectToken(string token)
    {
        lock (_gate)
        {
            return _connectTokens.GetValueOrDefault(Hash(token));
        }
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Marks a Connect token (by its <c>jti</c>) revoked: introspection answers <c>active:false</c> for it.</summary>
    /// <returns><see langword="true"/> when it was not revoked before.</returns>
    public bool RevokeConnectToken(string jti)
    {
        lock (_gate)
        {
            return _revokedConnectTokens.Add(jti);
        }
    }

    public bool IsConnectTokenRevoked(string jti)
    {
        lock (_gate)
        {
            return _revokedConnectTokens.Contains(jti);
        }
    }
}
