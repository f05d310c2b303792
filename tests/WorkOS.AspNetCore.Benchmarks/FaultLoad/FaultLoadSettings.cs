using System.Globalization;

namespace WorkOS.AspNetCore.Benchmarks.FaultLoad;

/// <summary>
/// The run's size and timings. Tokens live a few seconds and are refreshed in their last <see cref="RefreshBuffer"/>;
/// every fault phase is shorter than that window, so a library that retries well loses no session.
/// </summary>
internal sealed record FaultLoadSettings(int Browsers, int BearerClients, TimeSpan Duration, bool Short)
{
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RefreshBuffer { get; init; } = TimeSpan.FromSeconds(6);

    public TimeSpan RefreshTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan RefreshRetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long each fault lasts; healthy time of the same length follows each one.</summary>
    public TimeSpan FaultLength { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Pause between a browser's requests.</summary>
    public TimeSpan ThinkTime { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// <c>--short</c> (CI: 40 browsers for 25 s), <c>--browsers N</c>, <c>--duration SECONDS</c>, <c>--fault-seconds
    /// SECONDS</c> (longer than the refresh window, it shows what an outage the tokens cannot outlive does); 200
    /// browsers for 60 s by default.
    /// </summary>
    public static FaultLoadSettings Parse(string[] args)
    {
        var isShort = args.Contains("--short");
        var browsers = isShort ? 40 : 200;
        var duration = TimeSpan.FromSeconds(isShort ? 25 : 60);
        double? faultSeconds = null;
        for (var i = 0; i < args.Length - 1; i++)
        {
            switch (args[i])
            {
                case "--browsers":
                    browsers = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--duration":
                    duration = TimeSpan.FromSeconds(double.Parse(args[i + 1], CultureInfo.InvariantCulture));
                    break;
                case "--fault-seconds":
                    faultSeconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
            }
        }

        var settings = new FaultLoadSettings(browsers, 2, duration, isShort);
        return faultSeconds is { } seconds ? settings with { FaultLength = TimeSpan.FromSeconds(seconds) } : settings;
    }
}
