using BenchmarkDotNet.Attributes;
using WorkOS.AspNetCore.Session;

namespace WorkOS.AspNetCore.Benchmarks;

/// <summary>
/// The revoked-session check every request with a session cookie makes (in-memory list): with nothing revoked, with
/// 10,000 revoked sessions that are not this one, and for a revoked session.
/// </summary>
[MemoryDiagnoser]
public class RevokedSessionBenchmarks
{
    private MemoryRevokedSessionStore _empty = default!;
    private MemoryRevokedSessionStore _busy = default!;

    [GlobalSetup]
    public void Setup()
    {
        _empty = new MemoryRevokedSessionStore(TimeProvider.System);
        _busy = new MemoryRevokedSessionStore(TimeProvider.System);
        var until = DateTimeOffset.UtcNow.AddHours(1);
        for (var i = 0; i < 10_000; i++)
        {
            _busy.RevokeAsync("session_revoked_" + i, until).AsTask().GetAwaiter().GetResult();
        }
    }

    [Benchmark(Baseline = true)]
    public bool NothingRevoked() => _empty.IsRevokedAsync("session_01HZX8J4Q2M7").GetAwaiter().GetResult();

    [Benchmark]
    public bool OthersRevoked() => _busy.IsRevokedAsync("session_01HZX8J4Q2M7").GetAwaiter().GetResult();

    [Benchmark]
    public bool ThisRevoked() => _busy.IsRevokedAsync("session_revoked_42").GetAwaiter().GetResult();
}
