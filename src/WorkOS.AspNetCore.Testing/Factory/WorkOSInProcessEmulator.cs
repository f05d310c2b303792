using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using WorkOS.AspNetCore.Emulator;

namespace WorkOS.AspNetCore.Testing;

/// <summary>Runs a <see cref="WorkOSEmulator"/> in process, on an in-memory TestServer.</summary>
public static class WorkOSInProcessEmulator
{
    /// <summary>The base URL of an in-process emulator.</summary>
    internal static readonly Uri BaseUrl = new("http://workos-emulator.test/");

    extension(WorkOSEmulator)
    {
        /// <summary>
        /// Creates the emulator on an in-memory TestServer, reachable only through <see cref="WorkOSEmulator.CreateHandler"/>
        /// and <see cref="WorkOSEmulator.CreateClient"/>, with base URL <c>http://workos-emulator.test/</c>.
        /// </summary>
        /// <param name="configure">Changes the default options.</param>
        /// <returns>The emulator; dispose it when done.</returns>
        public static WorkOSEmulator CreateInProcess(Action<WorkOSEmulatorOptions>? configure = null) =>
            WorkOSEmulator.StartInMemory(
                configure,
                BaseUrl,
                builder => builder.WebHost.UseTestServer(options => options.BaseAddress = BaseUrl),
                app => app.GetTestServer().CreateHandler());
    }
}
