namespace WorkOS.AspNetCore.Emulator.Hosting;

/// <summary>Injected faults: the next matching requests get a canned status, headers and body after a delay.</summary>
internal sealed class FaultRegistry
{
    private readonly Lock _gate = new();
    private readonly List<Fault> _faults = [];

    public void Add(string method, string path, int statusCode, string? body, TimeSpan latency, int count,
        string? contentType = null, IReadOnlyDictionary<string, string>? headers = null, int padTo = 0)
    {
        lock (_gate)
        {
            _faults.Add(new Fault(method, path, statusCode, body, latency)
            {
                Remaining = count, ContentType = contentType, Headers = headers, PadTo = padTo,
            });
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

    /// <summary>
    /// One injected fault. <see cref="Remaining"/> is -1 for "until cleared"; <see cref="PadTo"/> pads the body with
    /// spaces to that many bytes.
    /// </summary>
    internal sealed record Fault(string Method, string Path, int StatusCode, string? Body, TimeSpan Latency)
    {
        public int Remaining { get; set; }

        public string? ContentType { get; init; }

        public IReadOnlyDictionary<string, string>? Headers { get; init; }

        public int PadTo { get; init; }
    }
}
