namespace WorkOS.AspNetCore.Emulator.Hosting;

/// <summary>The thread-safe list of requests the emulator answered.</summary>
internal sealed class RequestLog
{
    private readonly Lock _gate = new();
    private readonly List<EmulatorRequest> _entries = [];

    public void Add(EmulatorRequest request)
    {
        lock (_gate)
        {
            _entries.Add(request);
        }
    }

    public IReadOnlyList<EmulatorRequest> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries];
        }
    }

    public int Count(string method, string path)
    {
        lock (_gate)
        {
            return _entries.Count(e => PathPattern.MethodMatches(method, e.Method) && PathPattern.Matches(path, e.Path));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
