using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Webhooks;

namespace WorkOS.AspNetCore.Actions;

/// <summary>
/// The AuthKit Actions endpoint: reads the raw body once (bounded), verifies <c>WorkOS-Signature</c> on those bytes with the
/// webhooks' <see cref="WebhookSignature"/>, only then parses the context, asks the app's handler (bounded by
/// <see cref="WorkOSActionOptions.HandlerTimeout"/>), and answers with the signed verdict. Every refusal has its status
/// and a log line; a failing or slow handler is answered 503, so WorkOS applies the endpoint's own error handling.
/// </summary>
internal sealed class ActionEndpoint(IOptions<WorkOSActionOptions> options, TimeProvider time, ILogger<ActionEndpoint> logger)
{
    public const string AuthenticationObject = "authentication_action_context";
    public const string UserRegistrationObject = "user_registration_action_context";

    public async Task HandleAsync(HttpContext context, WorkOSActionHandlers handlers)
    {
        var settings = options.Value;
        var read = await SignedRequestReader.ReadAsync(context, settings.Secrets, settings.MaxBodySize, settings.Tolerance, time).ConfigureAwait(false);
        if (read.Body is not { } body)
        {
            LogRefusal(read, settings);
            context.Response.StatusCode = read.StatusCode;
            return;
        }

        var action = Parse(body, out var reason);
        if (action is null)
        {
            logger.NotAnAction(reason);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Func<HttpContext, ValueTask<WorkOSActionVerdict>>? ask = action switch
        {
            WorkOSAuthenticationActionContext authentication when handlers.Authentication is { } handler => c => handler(authentication, c),
            WorkOSUserRegistrationActionContext registration when handlers.UserRegistration is { } handler => c => handler(registration, c),
            _ => null,
        };
        var (id, kind, responseObject) = action switch
        {
            WorkOSAuthenticationActionContext a => (a.Id, "authentication", "authentication_action_response"),
            WorkOSUserRegistrationActionContext r => (r.Id, "user_registration", "user_registration_action_response"),
            _ => throw new InvalidOperationException("Unreachable: Parse returns one of the two action contexts."),
        };
        if (ask is null)
        {
            logger.NoHandler(id, kind);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var verdict = await AskAsync(context, ask, id, kind, settings.HandlerTimeout).ConfigureAwait(false);
        if (verdict is null)
        {
            if (!context.RequestAborted.IsCancellationRequested)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            }

            return;
        }

        var response = ActionResponse.Create(responseObject, verdict, read.Secrets[0], time.GetUtcNow());
        logger.Answered(id, kind, verdict.IsAllowed ? "Allow" : "Deny");
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = response.Length;
        await context.Response.Body.WriteAsync(response, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the handler with <see cref="HttpContext.RequestAborted"/> cancelled at the timeout (on the app's clock); null,
    /// logged, when it throws, returns no verdict or takes too long, or when the caller went away.
    /// </summary>
    private async Task<WorkOSActionVerdict?> AskAsync(
        HttpContext context, Func<HttpContext, ValueTask<WorkOSActionVerdict>> ask, string id, string kind, TimeSpan timeout)
    {
        var aborted = context.RequestAborted;
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, aborted);
        context.RequestAborted = linked.Token;
        try
        {
            var verdict = await ask(context).AsTask().WaitAsync(linked.Token).ConfigureAwait(false);
            if (verdict is null)
            {
                logger.HandlerFailed(id, kind, new InvalidOperationException("The action handler returned no verdict."));
            }

            return verdict;
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return null;
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested)
        {
            logger.HandlerTimedOut(id, kind, timeout);
            return null;
        }
        catch (Exception exception)
        {
            logger.HandlerFailed(id, kind, exception);
            return null;
        }
        finally
        {
            context.RequestAborted = aborted;
        }
    }

    /// <summary>The typed context, or null with the reason when the body is not JSON, not a known action, or lacks what every action has.</summary>
    private static object? Parse(byte[] body, out string reason)
    {
        reason = string.Empty;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("object", out var kindElement) || kindElement.ValueKind != JsonValueKind.String)
            {
                reason = "no object type";
                return null;
            }

            switch (kindElement.GetString())
            {
                case AuthenticationObject:
                    var authentication = root.Deserialize(ActionJsonContext.Default.WorkOSAuthenticationActionContext);
                    if (authentication is null || string.IsNullOrEmpty(authentication.Id)
                        || string.IsNullOrEmpty(authentication.User?.Id) || string.IsNullOrEmpty(authentication.User.Email))
                    {
                        reason = "an authentication action without an id or a user";
                        return null;
                    }

                    return authentication;
                case UserRegistrationObject:
                    var registration = root.Deserialize(ActionJsonContext.Default.WorkOSUserRegistrationActionContext);
                    if (registration is null || string.IsNullOrEmpty(registration.Id) || string.IsNullOrEmpty(registration.UserData?.Email))
                    {
                        reason = "a user registration action without an id or an email address";
                        return null;
                    }

                    return registration;
                default:
                    reason = "an unknown object type";
                    return null;
            }
        }
        catch (JsonException exception)
        {
            reason = $"invalid JSON at {exception.Path ?? "$"}";
            return null;
        }
    }

    private void LogRefusal(SignedRequest read, WorkOSActionOptions settings)
    {
        switch (read.Refusal)
        {
            case SignedRequestRefusal.NoSecret: logger.NoSecret(); break;
            case SignedRequestRefusal.Malformed: logger.Malformed(read.Reason); break;
            case SignedRequestRefusal.Unreadable: logger.Malformed($"the body could not be read ({read.Reason})"); break;
            case SignedRequestRefusal.TooLarge: logger.BodyTooLarge(settings.MaxBodySize); break;
            case SignedRequestRefusal.OutsideTolerance: logger.OutsideTolerance(read.Skew, settings.Tolerance); break;
            default: logger.SignatureMismatch(read.SecretCount); break;
        }
    }
}
