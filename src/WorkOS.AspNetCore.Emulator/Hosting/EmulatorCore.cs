using WorkOS.AspNetCore.Emulator.Actions;
using WorkOS.AspNetCore.Emulator.Events;
using WorkOS.AspNetCore.Emulator.State;
using WorkOS.AspNetCore.Emulator.Tokens;
using WorkOS.AspNetCore.Emulator.Webhooks;

namespace WorkOS.AspNetCore.Emulator.Hosting;

/// <summary>Everything the endpoints share: settings, data, keys, the request log and injected faults.</summary>
internal sealed class EmulatorCore : IDisposable
{
    public EmulatorCore(WorkOSEmulatorOptions options)
    {
        Options = options;
        Store = new EmulatorStore(options.Seed, options.TimeProvider);
        Keys = new SigningKeyRing(options.TimeProvider);
        Tokens = new AccessTokenFactory(Keys, options);
        ConnectKeys = new SigningKeyRing(options.TimeProvider);
        Actions = new ActionCaller(options);
        Webhooks = new WebhookDispatcher(options);
        Events = new EventLog(options.TimeProvider);
        RateLimit = new AuthenticateRateLimit(options);
        Store.EventRaised = (eventType, data) => Webhooks.Publish(Events.Append(eventType, data));
    }

    public WorkOSEmulatorOptions Options { get; }

    public EmulatorStore Store { get; }

    public SigningKeyRing Keys { get; }

    public AccessTokenFactory Tokens { get; }

    /// <summary>The keys that sign WorkOS Connect tokens (<c>/oauth2/jwks</c>), apart from the session keys.</summary>
    public SigningKeyRing ConnectKeys { get; }

    public WebhookDispatcher Webhooks { get; }

    public ActionCaller Actions { get; }
    /// <summary>Every event raised, for <c>GET /events</c>; webhook deliveries carry the same envelopes.</summary>
    public EventLog Events { get; }

    public RequestLog Log { get; } = new();

    /// <summary>The rate limit of the custom sign-in grants.</summary>
    public AuthenticateRateLimit RateLimit { get; }

    public FaultRegistry Faults { get; } = new();

    public DelayedRequests Delayed { get; } = new();

    public TimeProvider Time => Options.TimeProvider;

    public void Dispose()
    {
        Webhooks.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Actions.Dispose();
        Keys.Dispose();
        ConnectKeys.Dispose();
    }
}
