using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Emulator.Tool;

CommandLine command;
try
{
    command = CommandLine.Parse(args);
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

if (command.ShowHelp)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

EmulatorSeed seed;
try
{
    seed = command.SeedPath is { } path ? EmulatorSeed.Load(path) : EmulatorSeed.CreateDefault();
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
{
    Console.Error.WriteLine($"Cannot read the seed file '{command.SeedPath}': {e.Message}");
    return 2;
}

// Log lines (refused control API calls among them) go to stderr; stdout keeps the banner.
using var loggerFactory = LoggerFactory.Create(logging => logging
    .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
    .AddSimpleConsole(console => console.SingleLine = true)
    .AddFilter("Microsoft", LogLevel.Warning));

WorkOSEmulator emulator;
try
{
    emulator = await WorkOSEmulator.StartAsync(options =>
    {
        options.Seed = seed;
        options.ClientId = command.ClientId ?? options.ClientId;
        options.ApiKey = command.ApiKey ?? options.ApiKey;
        options.AccessTokenLifetime = command.AccessTokenLifetime ?? options.AccessTokenLifetime;
        options.Issuer = command.Issuer;
        options.RedirectUris = [.. command.RedirectUris];
        options.LogoutRedirectUris = [.. command.LogoutRedirectUris];
        options.EnableControlApi = command.ControlApi;
        options.LoggerFactory = loggerFactory;
    }, command.Port);
}
catch (InvalidOperationException e) when (e.Message.StartsWith("Invalid emulator seed", StringComparison.Ordinal))
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (IOException e)
{
    Console.Error.WriteLine($"Cannot listen on 127.0.0.1:{command.Port}: {e.Message}");
    return 1;
}

await using (emulator)
{
    Console.Out.Write(Banner.For(emulator, command.SeedPath));
    Console.Out.Flush();

    var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.TrySetResult();
    };
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
    {
        context.Cancel = true;
        stop.TrySetResult();
    });
    await stop.Task;
    Console.WriteLine("Stopping the WorkOS emulator.");
}

return 0;
