namespace WorkOS.AspNetCore.Emulator.Hosting;

/// <summary>Injected faults: the next matching requests get a canned status and body after a delay.</summary>
internal sealed class FaultRegistry
{
    private readonly Lock _gate = new();
    private readonly List<Fault> _faults = [];

    public void Add(string method, string path, int statusCode, string? body, TimeSpan latency, int count)
    {
        lock (_gate)
        {
            _faults.Add(new Fault(method, path, statusCode, body, latency) { Remaining = count });
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>Takes one use of the first fault matching the request, if any.</summary>
    public Fault? Take(string method, string path)
    {
        lock (_gate)
        {
            var fault = _faults.FirstOrDefault(f => PathPattern.MethodMatches(f.Method, method) && PathPattern.Matches(f.Path, path));
            if (fault is null)
            {
                return null;
            }

            if (fault.Remaining > 0 && --fault.Remaining == 0)
            {
                _faults.Remove(fault);
            }

            return fault;
        }
    }

    /// <summary>One injected fault. <see cref="Remaining"/> is -1 for "until cleared".</summary>
    internal sealed record Fault(string Method, string Path, int StatusCode, string? Body, TimeSpan Latency)
    {
        public int Remaining { get; set; }
    }
}
