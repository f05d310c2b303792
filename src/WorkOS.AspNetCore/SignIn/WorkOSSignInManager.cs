using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Api;

namespace WorkOS.AspNetCore.SignIn;

/// <summary>
/// Custom sign-in pages on WorkOS's user management API, the way ASP.NET Identity's <c>SignInManager</c> works: one method
/// per step, each returning a <see cref="WorkOSSignInResult"/> to switch on. A step that ends the sign-in signs the user in
/// with the AuthKit session cookie (tokens, refresh, claims and events exactly as a hosted sign-in). Registered by
/// <c>AddWorkOSAuthKit</c> for its scheme; resolve it from the services.
/// </summary>
/// <remarks>
/// The client IP address and user agent of <see cref="HttpContext"/> are passed to WorkOS with each grant. Pending
/// steps (<see cref="WorkOSSignInResult.PendingStep"/>) are protected with the app's data protection keys, bound to the
/// browser that started the sign-in, expire after <see cref="Authentication.WorkOSAuthKitOptions.SignInStepLifetime"/>,
/// and stop working once the sign-in completes.
/// </remarks>
public class WorkOSSignInManager
{
    private readonly SignInFlows? _flows;

    /// <summary>For substitutes in an app's tests.</summary>
    protected WorkOSSignInManager()
    {
    }

    internal WorkOSSignInManager(SignInFlows flows)
    {
        _flows = flows;
    }

    private SignInFlows Core => _flows
        ?? throw new InvalidOperationException($"This {nameof(WorkOSSignInManager)} was made for a test: override the methods it calls.");

    /// <summary>Signs in with an email address and password (the <c>password</c> grant).</summary>
    /// <param name="context">The current request; the session cookie is written to its response.</param>
    /// <param name="email">The email address.</param>
    /// <param name="password">The password.</param>
    /// <param name="invitationToken">An invitation to accept with this sign-in, if any.</param>
    /// <param name="returnUrl">A local URL to carry through the following steps (<see cref="WorkOSSignInResult.ReturnUrl"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<WorkOSSignInResult> PasswordSignInAsync(HttpContext context, string email, string password,
        string? invitationToken = null, string? returnUrl = null, CancellationToken cancellationToken = default) =>
        Core.PasswordAsync(context, email, password, invitationToken, returnUrl, cancellationToken);

    /// <summary>Has WorkOS email a one-time Magic Auth code to <paramref name="email"/> (<c>POST /user_management/magic_auth</c>).</summary>
    /// <param name="email">The email address.</param>
    /// <param name="invitationToken">An invitation to accept with the sign-in, if any.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="WorkOSSignInStatus.CodeSent"/>, <see cref="WorkOSSignInStatus.RateLimited"/> or <see cref="WorkOSSignInStatus.Failed"/>.</returns>
    public virtual Task<WorkOSSignInResult> SendMagicAuthCodeAsync(string email, string? invitationToken = null,
        CancellationToken cancellationToken = default) =>
        Core.SendMagicAuthCodeAsync(email, invitationToken, cancellationToken);

    /// <summary>Signs in with the Magic Auth code WorkOS emailed (the <c>magic-auth:code</c> grant).</summary>
    /// <param name="context">The current request.</param>
    /// <param name="email">The email address the code was sent to.</param>
    /// <param name="code">The code.</param>
    /// <param name="invitationToken">An invitation to accept with this sign-in, if any.</param>
    /// <param name="returnUrl">A local URL to carry through the following steps.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<WorkOSSignInResult> MagicAuthSignInAsync(HttpContext context, string email, string code,
        string? invitationToken = null, string? returnUrl = null, CancellationToken cancellationToken = default) =>
        Core.MagicAuthAsync(context, email, code, invitationToken, returnUrl, cancellationToken);

    /// <summary>Creates a user with a password (<c>POST /user_management/users</c>), then signs them in with it.</summary>
    /// <param name="context">The current request.</param>
    /// <param name="signUp">The new user.</param>
    /// <param name="returnUrl">A local URL to carry through the following steps.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<WorkOSSignInResult> SignUpAsync(HttpContext context, WorkOSSignUpRequest signUp, string? returnUrl = null,
        CancellationToken cancellationToken = default) =>
        Core.SignUpAsync(context, signUp, returnUrl, cancellationToken);

    /// <summary>Completes a <see cref="WorkOSSignInStatus.RequiresEmailVerification"/> step with the emailed code.</summary>
    /// <param name="context">The current request.</param>
    /// <param name="pendingStep">The step's <see cref="WorkOSSignInResult.PendingStep"/>.</param>
    /// <param name="code">The code from the email.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<WorkOSSignInResult> VerifyEmailAsync(HttpContext context, string pendingStep, string code,
        CancellationToken cancellationToken = default) =>
        Core.VerifyEmailAsync(context, pendingStep, code, cancellationToken);

    /// <summary>
    /// Enrolls an authenticator app for a <see cref="WorkOSSignInStatus.RequiresMfaEnrollment"/> step: the result is a
    /// <see cref="WorkOSSignInStatus.RequiresMfaChallenge"/> step carrying <see cref="WorkOSSignInResult.Totp"/> to show.
    /// </summary>
    /// <param name="context">The current request.</param>
    /// <param name="pendingStep">The step's <see cref="WorkOSSignInResult.PendingStep"/>.</param>
    /// <param name="issuer">The issuer the authenticator app shows (the app's name); <see langword="null"/> for WorkOS's default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<WorkOSSignInResult> EnrollTotpAsync(HttpContext context, string pendingStep, string? issuer = null,
        CancellationToken cancellationToken = default) =>
        Core.EnrollTotpAsync(context, pendingStep, issuer, cancellationToken);

    /// <summary>Completes a <see cref="WorkOSSignInStatus.RequiresMfaChallenge"/> step with a code from the authenticator app (the <c>mfa-totp</c> grant).</summary>
    /// <param name="context">The current request.</param>
    /// <param name="pendingStep">The step's <see cref="WorkOSSignInResult.PendingStep"/>.</param>
    /// <param name="code">The six-digit code.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<WorkOSSignInResult> VerifyTotpAsync(HttpContext context, string pendingStep, string code,
        CancellationToken cancellationToken = default) =>
        Core.VerifyTotpAsync(context, pendingStep, code, cancellationToken);

    /// <summary>Completes a <see cref="WorkOSSignInStatus.RequiresOrganizationSelection"/> step with the organization chosen.</summary>
    /// <param name="context">The current request.</param>
    /// <param name="pendingStep">The step's <see cref="WorkOSSignInResult.PendingStep"/>.</param>
    /// <param name="organizationId">One of <see cref="WorkOSSignInResult.Organizations"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<WorkOSSignInResult> SelectOrganizationAsync(HttpContext context, string pendingStep, string organizationId,
        CancellationToken cancellationToken = default) =>
        Core.SelectOrganizationAsync(context, pendingStep, organizationId, cancellationToken);

    /// <summary>Has WorkOS email a password reset link to <paramref name="email"/> (<c>POST /user_management/password_reset</c>).</summary>
    /// <param name="email">The email address.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="WorkOSSignInStatus.CodeSent"/> (also for an unknown address, so the page tells nobody which
    /// addresses have accounts), <see cref="WorkOSSignInStatus.RateLimited"/> or <see cref="WorkOSSignInStatus.Failed"/>.</returns>
    public virtual Task<WorkOSSignInResult> SendPasswordResetAsync(string email, CancellationToken cancellationToken = default) =>
        Core.SendPasswordResetAsync(email, cancellationToken);

    /// <summary>Sets a new password with the token of a reset link (<c>POST /user_management/password_reset/confirm</c>), then signs in with it.</summary>
    /// <param name="context">The current request.</param>
    /// <param name="token">The token from the reset link.</param>
    /// <param name="newPassword">The new password.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<WorkOSSignInResult> ResetPasswordAsync(HttpContext context, string token, string newPassword,
        CancellationToken cancellationToken = default) =>
        Core.ResetPasswordAsync(context, token, newPassword, cancellationToken);

    /// <summary>
    /// Reads a pending step without completing it, for the page that shows it: the app's page at
    /// <see cref="Authentication.WorkOSAuthKitOptions.SignInStepPath"/> gets a hosted sign-in's step in the <c>step</c>
    /// query parameter and calls this to know what to ask (the status, the email address, the organizations to offer and
    /// the return URL). Checked like every step: a step that is expired, altered or not bound to this browser is
    /// <see cref="WorkOSSignInStatus.Failed"/> (<c>step_expired</c>, <c>step_invalid</c>). WorkOS is not called.
    /// </summary>
    /// <param name="context">The current request.</param>
    /// <param name="pendingStep">The step's <see cref="WorkOSSignInResult.PendingStep"/>.</param>
    public virtual WorkOSSignInResult GetStep(HttpContext context, string pendingStep) => Core.DescribeStep(context, pendingStep);

    /// <summary>Looks up the invitation of an invitation link (<c>GET /user_management/invitations/by_token/{token}</c>).</summary>
    /// <param name="invitationToken">The token from the invitation link.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The invitation, or <see langword="null"/> when WorkOS knows no such token.</returns>
    /// <exception cref="WorkOSApiException">WorkOS could not be reached.</exception>
    public virtual Task<WorkOSInvitation?> FindInvitationAsync(string invitationToken, CancellationToken cancellationToken = default) =>
        Core.FindInvitationAsync(invitationToken, cancellationToken);

    /// <summary>
    /// Turns a pending-token error of a code exchange or grant (<c>email_verification_required</c>, <c>mfa_enrollment</c>,
    /// <c>mfa_challenge</c>, <c>organization_selection_required</c>, <c>sso_required</c>) into the result for its next
    /// step, bound to this browser; used by the AuthKit scheme to finish a hosted sign-in. <see langword="null"/> for
    /// any other error.
    /// </summary>
    internal virtual Task<WorkOSSignInResult?> ContinueAfterAsync(HttpContext context, WorkOSApiException error, string? returnUrl,
        CancellationToken cancellationToken) =>
        Core.ContinueAfterAsync(context, error, returnUrl, cancellationToken);
}
