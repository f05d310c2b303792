using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkOS.AspNetCore.Emulator.Endpoints;
using WorkOS.AspNetCore.Emulator.Pages;

namespace WorkOS.AspNetCore.Emulator.Hosting;

/// <summary>The emulator's pipeline (the control API when on, request log, then faults) and its WorkOS endpoints.</summary>
internal static class EmulatorRoutes
{
    public static void Configure(WebApplication app, EmulatorCore core)
    {
        if (core.Options.EnableControlApi)
        {
            // Before the request log and the faults: control calls are not logged, and a fault cannot block clearing it.
            app.MapWhen(
                context => context.Request.Path.StartsWithSegments(ControlEndpoints.Prefix),
                branch => ControlEndpoints.Configure(branch, core));
        }

        var log = new RequestLogMiddleware(core.Log, core.Time);
        var faults = new FaultMiddleware(core.Faults, core.Delayed, core.Time);
        app.Use((context, next) => log.InvokeAsync(context, next));
        app.Use((context, next) => faults.InvokeAsync(context, next));
        app.UseRouting();

        // Browser-facing, no API key.
        app.MapGet("/user_management/authorize", context => AuthorizeEndpoints.AuthorizeAsync(context, core));
        app.MapPost(SignInPage.CompletePath, context => AuthorizeEndpoints.CompleteAsync(context, core));
        app.MapGet("/user_management/sessions/logout", context => SessionEndpoints.LogoutAsync(context, core));
        app.MapGet(MessagePage.SignedOutPath, SessionEndpoints.SignedOutAsync);
        app.MapGet("/sso/authorize", context => SsoAuthorizeEndpoints.AuthorizeAsync(context, core));
        app.MapPost(SsoSignInPage.CompletePath, context => SsoAuthorizeEndpoints.CompleteAsync(context, core));
        app.MapGet("/sso/logout", context => SsoLogoutEndpoints.LogoutAsync(context, core));
        app.MapGet("/passwordless/{token}/confirm", context => PasswordlessEndpoints.ConfirmAsync(context, core));
        app.MapGet(OutboxPage.Path, context => PasswordlessEndpoints.OutboxAsync(context, core));
        app.MapGet(PortalEndpoints.PagePrefix + "{token}", context => PortalEndpoints.PageAsync(context, core));

        // Client-authenticated (client_id + client_secret in the body) or public.
        app.MapPost("/user_management/authenticate", context => AuthenticateEndpoint.HandleAsync(context, core));
        app.MapGet("/sso/jwks/{clientId}", context => JwksEndpoint.HandleAsync(context, core));
        app.MapPost("/sso/token", context => SsoTokenEndpoints.TokenAsync(context, core));
        app.MapGet("/sso/profile", context => SsoTokenEndpoints.ProfileAsync(context, core));
        app.MapGet("/.well-known/openid-configuration", context => ConnectEndpoints.DiscoveryAsync(context, core));
        app.MapGet("/.well-known/oauth-authorization-server", context => ConnectEndpoints.DiscoveryAsync(context, core));
        app.MapGet("/oauth2/jwks", context => ConnectEndpoints.JwksAsync(context, core));
        app.MapPost("/oauth2/token", context => ConnectEndpoints.TokenAsync(context, core));
        app.MapPost("/oauth2/introspection", context => ConnectEndpoints.IntrospectionAsync(context, core));

        // API key (bearer) authenticated.
        MapBearer(app.MapPost, "/user_management/sessions/revoke", core, SessionEndpoints.RevokeAsync);
        MapBearer(app.MapGet, "/user_management/users/{userId}", core, UserEndpoints.GetAsync);
        MapBearer(app.MapGet, "/user_management/users/{userId}/sessions", core, SessionEndpoints.ListAsync);
        MapBearer(app.MapGet, "/user_management/users/{userId}/feature-flags", core, FeatureFlagEndpoints.ListForUserAsync);
        MapBearer(app.MapGet, "/organizations/{organizationId}/feature-flags", core, FeatureFlagEndpoints.ListForOrganizationAsync);
        MapBearer(app.MapGet, "/user_management/organization_memberships", core, MembershipEndpoints.ListAsync);
        MapBearer(app.MapPost, "/api_keys/validations", core, ApiKeyEndpoints.ValidateAsync);
        MapBearer(app.MapGet, "/events", core, EventEndpoints.ListAsync);
        MapBearer(app.MapPost, "/sso/logout/authorize", core, SsoLogoutEndpoints.AuthorizeAsync);
        MapBearer(app.MapPost, "/passwordless/sessions", core, PasswordlessEndpoints.CreateAsync);
        MapBearer(app.MapPost, "/passwordless/sessions/{sessionId}/send", core, PasswordlessEndpoints.SendAsync);
        MapBearer(app.MapPost, "/user_management/magic_auth", core, MagicAuthEndpoints.CreateAsync);
        MapBearer(app.MapPost, "/user_management/users/{userId}/auth_factors", core, MfaEndpoints.EnrollForUserAsync);
        MapBearer(app.MapGet, "/user_management/users/{userId}/auth_factors", core, MfaEndpoints.ListForUserAsync);
        MapBearer(app.MapPost, "/user_management/magic_auth/send", core, MagicAuthEndpoints.CreateAsync);
        MapBearer(app.MapPost, "/user_management/users", core, AccountEndpoints.CreateUserAsync);
        MapBearer(app.MapPut, "/user_management/users/{userId}", core, AccountEndpoints.UpdateUserAsync);
        MapBearer(app.MapPost, "/user_management/users/{userId}/email_verification/send", core, AccountEndpoints.SendEmailVerificationAsync);
        MapBearer(app.MapPost, "/user_management/users/{userId}/email_verification/confirm", core, AccountEndpoints.ConfirmEmailVerificationAsync);
        MapBearer(app.MapPost, "/user_management/password_reset", core, AccountEndpoints.CreatePasswordResetAsync);
        MapBearer(app.MapPost, "/user_management/password_reset/confirm", core, AccountEndpoints.ResetPasswordAsync);
        MapBearer(app.MapPost, "/user_management/invitations", core, InvitationEndpoints.SendAsync);
        MapBearer(app.MapGet, "/user_management/invitations", core, InvitationEndpoints.ListAsync);
        MapBearer(app.MapGet, "/user_management/invitations/by_token/{token}", core, InvitationEndpoints.GetByTokenAsync);
        MapBearer(app.MapGet, "/user_management/invitations/{invitationId}", core, InvitationEndpoints.GetAsync);
        MapBearer(app.MapPost, "/user_management/invitations/{invitationId}/revoke", core, InvitationEndpoints.RevokeAsync);
        MapBearer(app.MapPost, "/user_management/invitations/{invitationId}/accept", core, InvitationEndpoints.AcceptAsync);
        MapBearer(app.MapPost, "/auth/factors/enroll", core, MfaEndpoints.EnrollAsync);
        MapBearer(app.MapGet, "/auth/factors/{factorId}", core, MfaEndpoints.GetAsync);
        MapBearer(app.MapPost, "/auth/factors/{factorId}/challenge", core, MfaEndpoints.ChallengeAsync);
        MapBearer(app.MapPost, "/auth/challenges/{challengeId}/verify", core, MfaEndpoints.VerifyAsync);
        MapBearer(app.MapPost, "/authorization/organization_memberships/{membershipId}/check", core, AuthorizationEndpoints.CheckAsync);
        MapBearer(app.MapGet, "/authorization/organization_memberships/{membershipId}/role_assignments", core, AuthorizationEndpoints.ListRoleAssignmentsAsync);
        MapBearer(app.MapGet, "/authorization/resources", core, AuthorizationEndpoints.ListResourcesAsync);
        MapBearer(app.MapGet, "/authorization/resources/{resourceId}", core, AuthorizationEndpoints.GetResourceAsync);
        MapBearer(app.MapGet, "/authorization/organizations/{organizationId}/resources/{resourceTypeSlug}/{externalId}", core,
            AuthorizationEndpoints.GetResourceByExternalIdAsync);
        MapBearer(app.MapPost, "/widgets/token", core, WidgetEndpoints.TokenAsync);
        MapBearer(app.MapPost, "/portal/generate_link", core, PortalEndpoints.GenerateLinkAsync);

        app.MapFallback(context => Responses.ErrorAsync(
            context,
            StatusCodes.Status404NotFound,
            null,
            $"The WorkOS emulator does not implement {context.Request.Method} {context.Request.Path}."));
    }

    private static void MapBearer(
        Func<string, RequestDelegate, IEndpointConventionBuilder> map,
        string pattern,
        EmulatorCore core,
        Func<HttpContext, EmulatorCore, Task> endpoint) =>
        map(pattern, BearerAuth.Require(core, context => endpoint(context, core)));
}
