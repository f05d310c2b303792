using System.Globalization;
using Xunit.Abstractions;

namespace WorkOS.AspNetCore.Tests.Reliability;

/// <summary>
/// One target's run: sends each case, and records every case that let an exception escape, logged an error, answered
/// 5xx or a status outside the target's expected ones, or signed someone in (the unmutated control, case 0, must
/// sign in). A failure names the seed, the target, the case, the mutation and the input, so it can be replayed.
/// </summary>
internal sealed class FuzzRun(string target, int targetId, FuzzApp app, ITestOutputHelper output)
{
    private readonly List<string> _failures = [];
    private readonly Dictionary<string, int> _kinds = new(StringComparer.Ordinal);

    public static int Cases => FuzzSettings.Cases;

    /// <summary>The generator of case <paramref name="index"/>: the same for the same seed, whatever ran before it.</summary>
    public Random Random(int index) => FuzzSettings.ForCase(targetId, index);

    /// <summary>Sends one case. Returns <see langword="null"/> when the request threw (recorded as a failure).</summary>
    public async Task<HttpResponseMessage?> SendAsync(int index, string mutation, string input, Func<Task<HttpResponseMessage>> send)
    {
        foreach (var kind in mutation.Split(" + "))
        {
            _kinds[kind] = _kinds.GetValueOrDefault(kind) + 1;
        }

        var errorsBefore = app.Errors.Count;
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (Exception e)
        {
            Fail(index, mutation, input, $"an exception escaped: {e.GetType().Name}: {e.Message}");
            return null;
        }

        if (app.Errors.Count > errorsBefore)
        {
            Fail(index, mutation, input, "logged: " + string.Join(" | ", app.Errors.Entries.Skip(errorsBefore)));
        }

        return response;
    }

    /// <summary>Judges a case by what the user observes: signed in or not, and the status code.</summary>
    public void Expect(int index, string mutation, string input, HttpResponseMessage response, bool signedIn, params int[] allowed)
    {
        var status = (int)response.StatusCode;
        if (index == 0)
        {
            if (!signedIn)
            {
                Fail(index, mutation, input, $"the unmutated control did not sign in (answered {status}): the harness is broken");
            }

            return;
        }

        if (signedIn)
        {
            Fail(index, mutation, input, $"signed someone in (answered {status})");
        }
        else if (!allowed.Contains(status))
        {
            Fail(index, mutation, input, $"answered {status}; expected one of {string.Join('/', allowed)}");
        }
    }

    public void Fail(int index, string mutation, string input, string problem) =>
        _failures.Add(string.Create(CultureInfo.InvariantCulture,
            $"seed {FuzzSettings.Seed}, target {target}, case {index}, mutation [{mutation}]: {problem}\n    input: {Mutations.Show(input)}"));

    /// <summary>Prints the seed and what was tried, and fails with the recorded cases when there are any.</summary>
    public void AssertClean()
    {
        var unhandled = app.App.Logs.Entries.Where(e => e.Exception is not null).ToList();
        foreach (var entry in unhandled.Take(10))
        {
            _failures.Add($"seed {FuzzSettings.Seed}, target {target}: the log shows an exception: [{entry.EventId.Id}] {entry.Category}: {entry.Message} {entry.Exception}");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{target}: seed {FuzzSettings.Seed} (WORKOS_FUZZ_SEED), {Cases} cases (WORKOS_FUZZ_CASES), {_failures.Count} failures"));
        output.WriteLine("mutations: " + string.Join(", ", _kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}")));
        foreach (var failure in _failures.Take(50))
        {
            output.WriteLine(failure);
        }

        Assert.True(_failures.Count == 0,
            $"{_failures.Count} of {Cases} {target} cases failed (replay with WORKOS_FUZZ_SEED={FuzzSettings.Seed}):\n" + string.Join('\n', _failures.Take(10)));
    }
}
