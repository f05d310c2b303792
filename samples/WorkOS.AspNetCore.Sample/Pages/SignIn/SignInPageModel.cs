using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Sample.Events;
using WorkOS.AspNetCore.SignIn;

namespace WorkOS.AspNetCore.Sample.Pages.SignIn;

/// <summary>
/// What the sample's own sign-in pages share: the step a result asks for next (rendered by <c>_SignInStep</c>), the
/// local return URL, the emulator's outbox link, and the one place a result becomes a response.
/// </summary>
public abstract partial class SignInPageModel(WorkOSSignInManager signIn, SignInPageServices services) : PageModel
{
    protected WorkOSSignInManager SignInManager { get; } = signIn;

    /// <summary>Where the user goes once signed in; only a local URL is ever followed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The last result, for the page to show its step, error or retry time.</summary>
    public WorkOSSignInResult? Result { get; protected set; }

    /// <summary>The emulator's outbox page (codes and links it "emailed"), when the sample runs against the emulator.</summary>
    public string? OutboxUrl => services.OutboxUrl;

    /// <summary>The step <c>_SignInStep</c> renders: the one the result asks for, or the one that failed, to try again.</summary>
    public WorkOSSignInStatus? Step { get; private set; }

    /// <summary>The pending step the step's form sends back.</summary>
    public string? PendingStep { get; private set; }

    /// <summary>Whether there is a step to render.</summary>
    public bool ShowsStep => Step is not null && PendingStep is not null;

    /// <summary>The seconds to wait before trying again, when rate limited.</summary>
    public string RetryAfterSeconds => ((int)Math.Ceiling((Result?.RetryAfter ?? TimeSpan.Zero).TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The response to a step's result: the return URL when signed in; otherwise the page again, with the next step,
    /// the failure or the retry time (429 with <c>Retry-After</c>).
    /// </summary>
    /// <param name="result">The step's result.</param>
    /// <param name="retry">The step just tried, shown again when the result is a failure that leaves it usable (a wrong
    /// code: the result then carries the step again); not after the step itself was refused as expired or foreign.</param>
    protected IActionResult Show(WorkOSSignInResult result, WorkOSSignInStatus? retry = null)
    {
        Result = result;
        ReturnUrl = result.ReturnUrl ?? ReturnUrl;
        if (IsStep(result.Status) && result.PendingStep is not null)
        {
            (Step, PendingStep) = (result.Status, result.PendingStep);
        }
        else if (retry is { } again && result.Status is WorkOSSignInStatus.Failed or WorkOSSignInStatus.RateLimited
                 && result.PendingStep is { } sameStep)
        {
            (Step, PendingStep) = (again, sameStep);
        }

        switch (result.Status)
        {
            case WorkOSSignInStatus.SignedIn:
                return Redirect(LocalReturnUrl(result.ReturnUrl ?? ReturnUrl));
            case WorkOSSignInStatus.RateLimited:
                LogRateLimited(services.Logger, PageContext.ActionDescriptor.ViewEnginePath, RetryAfterSeconds);
                Response.Headers.RetryAfter = RetryAfterSeconds;
                return new PageResult { StatusCode = StatusCodes.Status429TooManyRequests };
            case WorkOSSignInStatus.Failed:
                LogFailed(services.Logger, PageContext.ActionDescriptor.ViewEnginePath, result.ErrorCode ?? "unknown");
                return Page();
            default:
                return Page();
        }
    }

    private static bool IsStep(WorkOSSignInStatus status) => status is WorkOSSignInStatus.RequiresEmailVerification
        or WorkOSSignInStatus.RequiresMfaEnrollment or WorkOSSignInStatus.RequiresMfaChallenge
        or WorkOSSignInStatus.RequiresOrganizationSelection or WorkOSSignInStatus.RequiresSso;

    /// <summary><paramref name="url"/> when it is local to the sample, else the home page (logged).</summary>
    protected string LocalReturnUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return "/";
        }

        if (Url.IsLocalUrl(url))
        {
            return url;
        }

        LogNonLocalReturnUrl(services.Logger, PageContext.ActionDescriptor.ViewEnginePath);
        return "/";
    }

    [LoggerMessage(EventId = 2156, Level = LogLevel.Information, Message = "Sign-in page {Page}: the step failed ({ErrorCode}); the page shows the error.")]
    private static partial void LogFailed(ILogger logger, string page, string errorCode);

    [LoggerMessage(EventId = 2157, Level = LogLevel.Warning, Message = "Sign-in page {Page}: rate limited by WorkOS; the page asks the user to retry in {RetryAfter} s.")]
    private static partial void LogRateLimited(ILogger logger, string page, string retryAfter);

    [LoggerMessage(EventId = 2158, Level = LogLevel.Warning, Message = "Sign-in page {Page}: a return URL that is not local to the app was ignored; the user goes to the home page.")]
    private static partial void LogNonLocalReturnUrl(ILogger logger, string page);
}

/// <summary>The services the sign-in pages share beyond the manager.</summary>
public sealed class SignInPageServices(IServiceProvider services, LocalEmulatorWebhook localEmulator, IOptions<WorkOSClientOptions> client,
    ILogger<SignInPageModel> logger)
{
    public ILogger Logger { get; } = logger;

    /// <summary>The emulator's outbox page, or <see langword="null"/> against WorkOS (where the emails really go out).</summary>
    public string? OutboxUrl => localEmulator.AgainstEmulator(services, client.Value)
        ? client.Value.ApiBaseUrl.TrimEnd('/') + "/passwordless/outbox"
        : null;
}
