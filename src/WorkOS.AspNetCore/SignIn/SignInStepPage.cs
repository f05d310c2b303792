using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.SignIn;

/// <summary>
/// The built-in page that finishes a hosted sign-in WorkOS answered with a further step, served by the AuthKit scheme at
/// <c>{CallbackPath}/step</c> when <see cref="WorkOSAuthKitOptions.SignInStepPath"/> is unset. <c>GET ?step=</c> shows
/// the step; <c>POST</c> completes it through <see cref="WorkOSSignInManager"/> and returns to the sign-in's return URL,
/// shows the next step, or shows the step again with the library's message.
/// </summary>
/// <remarks>
/// The form carries no antiforgery token: its one credential is the step itself, which is unguessable (protected with
/// the app's data protection keys) and bound to the browser that started the sign-in by an HttpOnly SameSite=Lax
/// cookie. A cross-site form sends no such cookie, and a step taken from another browser (an attacker's own, to sign
/// the victim in to the attacker's account) does not match this browser's: the manager refuses both before WorkOS is
/// called.
/// </remarks>
internal sealed class SignInStepPage(HttpContext context, WorkOSAuthKitOptions options, string scheme, TimeProvider time, ILogger logger,
    Func<string?, string> safeReturnUrl)
{
    private const string StepInvalid = "step_invalid";
    private static readonly FormOptions FormLimits = new() { ValueCountLimit = 8, KeyLengthLimit = 64, ValueLengthLimit = SignInStepProtector.MaxStepLength, BufferBody = false };

    private HttpRequest Request => context.Request;

    private HttpResponse Response => context.Response;

    /// <remarks>Every WorkOS failure of a step is a result the page shows; whatever else is thrown is a bug and surfaces.</remarks>
    public async Task HandleAsync()
    {
        if (HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method))
        {
            await ShowAsync(Request.Query[SignInSteps.StepParameter]);
            return;
        }

        if (!HttpMethods.IsPost(Request.Method))
        {
            logger.StepPageRefused($"method {LogValue.Caller(Request.Method)}");
            Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            Response.Headers.Allow = "GET, HEAD, POST";
            Response.Headers.CacheControl = "no-cache, no-store";
            return;
        }

        if (!Request.HasFormContentType)
        {
            await EndAsync(StatusCodes.Status400BadRequest, StepInvalid, "The sign-in step form was not sent as a form.", "a POST that is not a form");
            return;
        }

        IFormCollection form;
        try
        {
            form = await Request.ReadFormAsync(FormLimits, context.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            await EndAsync(StatusCodes.Status400BadRequest, StepInvalid, "The sign-in step form could not be read.", "a form over its limits or malformed");
            return;
        }

        await CompleteAsync(form, form["action"].ToString());
    }

    /// <summary><c>GET</c>: shows the step in the query, or says to sign in again when it is missing or no longer valid.</summary>
    private async Task ShowAsync(Microsoft.Extensions.Primitives.StringValues query)
    {
        if (!TryReadStep(query, out var step))
        {
            await EndAsync(StatusCodes.Status400BadRequest, StepInvalid, null, "no step, several, or an oversized one in the query");
            return;
        }

        var view = SignInStepViews.Describe(context, options, scheme, time, logger, step);
        if (HostedSignInSteps.Name(view.Status) is null)
        {
            await EndAsync(StatusCodes.Status400BadRequest, view.ErrorCode ?? StepInvalid, view.ErrorMessage, "the step cannot be shown");
            return;
        }

        await RenderAsync(view, view.PendingStep ?? step, null, StatusCodes.Status200OK);
    }

    /// <summary><c>POST</c>: completes the step the form names with the manager, and shows what came of it.</summary>
    private async Task CompleteAsync(IFormCollection form, string action)
    {
        if (!TryReadStep(form[SignInSteps.StepParameter], out var step))
        {
            await EndAsync(StatusCodes.Status400BadRequest, StepInvalid, null, "a form without a step, with several, or an oversized one");
            return;
        }

        var manager = Manager();
        if (manager is null)
        {
            await EndAsync(StatusCodes.Status400BadRequest, StepInvalid, null, "no WorkOSSignInManager is registered");
            return;
        }

        var cancel = context.RequestAborted;
        var result = action switch
        {
            "organization_selection" => await manager.SelectOrganizationAsync(context, step, form["organization_id"].ToString(), cancel),
            "email_verification" => await manager.VerifyEmailAsync(context, step, form["code"].ToString().Trim(), cancel),
            "mfa_enrollment" => await manager.EnrollTotpAsync(context, step, null, cancel),
            "mfa_challenge" => await manager.VerifyTotpAsync(context, step, form["code"].ToString().Trim(), cancel),
            _ => null,
        };
        if (result is null)
        {
            await EndAsync(StatusCodes.Status400BadRequest, StepInvalid, null, $"an unknown action {LogValue.Caller(action)}");
            return;
        }

        switch (result.Status)
        {
            case WorkOSSignInStatus.SignedIn:
                var returnUrl = safeReturnUrl(result.ReturnUrl);
                logger.StepCompleted(action, returnUrl);
                Response.StatusCode = StatusCodes.Status303SeeOther;
                Response.Headers.CacheControl = "no-cache, no-store";
                Response.Headers.Location = returnUrl;
                return;
            case WorkOSSignInStatus.RequiresSso when result.SsoConnectionIds is [var connectionId] && !string.IsNullOrWhiteSpace(connectionId):
                logger.SsoSignInRestarted(connectionId);
                var restart = new WorkOSChallengeProperties(safeReturnUrl(result.ReturnUrl)) { ConnectionId = connectionId };
                restart.Items[SignInSteps.SsoRestartedKey] = "1";
                await context.ChallengeAsync(scheme, restart);
                return;
            case WorkOSSignInStatus.RequiresSso:
                await EndAsync(StatusCodes.Status403Forbidden, "sso_required",
                    "Your organization requires signing in with single sign-on (SSO). Please sign in again through your organization's identity provider.",
                    "SSO is required without a single connection");
                return;
            case WorkOSSignInStatus.RateLimited:
                var wait = (int)Math.Clamp(Math.Ceiling((result.RetryAfter ?? TimeSpan.FromMinutes(1)).TotalSeconds), 1, 3600);
                logger.StepRateLimited(action, wait);
                Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
                await AskAgainAsync(result.PendingStep ?? step, StatusCodes.Status429TooManyRequests,
                    $"Too many attempts. Please wait {wait} seconds and try again.");
                return;
            case WorkOSSignInStatus.Failed when result.ErrorCode == SignInMessages.SessionTooLarge:
                // WorkOS signed the user in but the session cannot be kept: asking for the step again cannot help.
                await EndAsync(StatusCodes.Status500InternalServerError, result.ErrorCode, result.ErrorMessage, "the session is too large for one cookie");
                return;
            case WorkOSSignInStatus.Failed when result.ErrorCode is StepInvalid or "step_expired":
                await EndAsync(StatusCodes.Status400BadRequest, result.ErrorCode, result.ErrorMessage, "the step is no longer valid in this browser");
                return;
            case WorkOSSignInStatus.Failed:
                logger.StepFailed(action, result.ErrorCode);
                await AskAgainAsync(result.PendingStep ?? step,
                    result.ErrorCode == "workos_unavailable" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest,
                    result.ErrorMessage ?? "That did not work. Please try again.");
                return;
        }

        if (result.PendingStep is { Length: > 0 } next && HostedSignInSteps.Name(result.Status) is { } nextName)
        {
            logger.StepContinued(action, nextName);
            await RenderAsync(result, next, null, StatusCodes.Status200OK);
            return;
        }

        await EndAsync(StatusCodes.Status400BadRequest, "sign_in_failed", null, $"the sign-in manager answered {result.Status}");
    }

    /// <summary>Shows the step again with <paramref name="error"/>, or says to sign in again when it can no longer be shown.</summary>
    private async Task AskAgainAsync(string step, int statusCode, string error)
    {
        var view = SignInStepViews.Describe(context, options, scheme, time, logger, step);
        if (HostedSignInSteps.Name(view.Status) is null)
        {
            await EndAsync(StatusCodes.Status400BadRequest, view.ErrorCode ?? StepInvalid, view.ErrorMessage, "the step cannot be shown again");
            return;
        }

        await RenderAsync(view, view.PendingStep ?? step, error, statusCode);
    }

    private Task RenderAsync(WorkOSSignInResult view, string step, string? error, int statusCode)
    {
        var action = (Request.PathBase + SignInSteps.BuiltInPath(options)).ToUriComponent();
        return SignInStepHtml.WriteAsync(context, statusCode, action, view, step, error);
    }

    /// <summary>Ends the step: the failure page (or <see cref="WorkOSAuthKitOptions.ErrorPath"/>) that says to sign in again.</summary>
    private Task EndAsync(int statusCode, string error, string? message, string reason)
    {
        logger.StepPageRefused(reason);
        logger.StepEnded(error);
        message ??= error == "step_expired"
            ? "This sign-in step has expired. Please sign in again."
            : "This sign-in step is not valid in this browser: it was already completed, it expired, or it was started elsewhere. Please sign in again.";
        return SignInFailurePage.WriteAsync(context, options, new SignInFailureException(statusCode, error, message));
    }

    private WorkOSSignInManager? Manager() => HostedSignInSteps.Manager(context, scheme);

    private static bool TryReadStep(Microsoft.Extensions.Primitives.StringValues values, out string step)
    {
        step = values.Count == 1 ? values[0] ?? "" : "";
        return step.Length is > 0 and <= SignInStepProtector.MaxStepLength;
    }
}
