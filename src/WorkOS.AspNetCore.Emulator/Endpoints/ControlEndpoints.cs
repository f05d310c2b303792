using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.Pages;
using WorkOS.AspNetCore.Emulator.State;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// The control API (<see cref="WorkOSEmulatorOptions.EnableControlApi"/>): the emulator's control methods over HTTP,
/// JSON in and out, under <c>/_emulator/</c>, for tests written in any language. Its requests are neither logged in
/// <see cref="WorkOSEmulator.Requests"/> nor subject to injected faults.
/// </summary>
internal static class ControlEndpoints
{
    public const string Prefix = "/_emulator";

    public static void Configure(IApplicationBuilder branch, EmulatorCore core)
    {
        var logger = core.Options.LoggerFactory.CreateLogger("WorkOS.AspNetCore.Emulator.ControlApi");
        var gate = new ControlApiGate(logger);
        branch.Use((context, next) => gate.InvokeAsync(context, next));
        branch.UseRouting();
        branch.UseEndpoints(endpoints =>
        {
            void Map(string method, string pattern, Func<ControlCall, Task> handler) =>
                endpoints.MapMethods(Prefix + pattern, [method], context => handler(new ControlCall(context, core, logger)));

            Map("GET", "/requests", ListRequestsAsync);
            Map("DELETE", "/requests", call => call.Apply(core.Log.Clear));
            Map("POST", "/faults", InjectFaultAsync);
            Map("DELETE", "/faults", call => call.Apply(core.Faults.Clear));
            Map("GET", "/signing_keys/current", call => call.OkAsync(new SigningKeyDto(core.Keys.Current.KeyId!), ControlJsonContext.Default.SigningKeyDto));
            Map("POST", "/signing_keys/rotate", RotateKeyAsync);
            Map("PUT", "/access_token_lifetime", SetTokenLifetimeAsync);
            Map("POST", "/sessions/{sessionId}/revoke", RevokeSessionAsync);
            Map("POST", "/users/{user}/sessions/revoke", RevokeUserSessionsAsync);
            Map("PUT", "/users/{user}/organizations/{organizationId}/roles", SetUserRolesAsync);
            Map("PUT", "/roles/{roleSlug}/permissions", SetRolePermissionsAsync);
            Map("DELETE", "/roles/{roleSlug}", DeleteRoleAsync);
            Map("POST", "/users/{user}/organizations/{organizationId}/deprovision", call =>
                call.Core.Store.DeprovisionDirectoryUser(call.RouteValue("user"), call.RouteValue("organizationId"))
                    ? call.Apply(static () => { })
                    : call.RejectAsync(StatusCodes.Status404NotFound, "entity_not_found",
                        $"'{call.RouteValue("user")}' is not an active member of '{call.RouteValue("organizationId")}'."));
            Map("POST", "/role_assignments", AssignRoleAsync);
            Map("DELETE", "/role_assignments/{roleAssignmentId}", RemoveRoleAssignmentAsync);
            Map("PUT", "/users/{user}/feature_flags", SetUserFeatureFlagsAsync);
            Map("PUT", "/organizations/{organizationId}/feature_flags", SetOrganizationFeatureFlagsAsync);
            Map("PUT", "/organizations/{organizationId}/entitlements", SetOrganizationEntitlementsAsync);
            Map("POST", "/api_keys/revoke", RevokeApiKeyAsync);
            Map("POST", "/users", call => call.CreateAsync(ControlJsonContext.Default.SeedUser, core.Store.AddUser));
            Map("POST", "/organizations", call => call.CreateAsync(ControlJsonContext.Default.SeedOrganization, core.Store.AddOrganization));
            Map("POST", "/memberships", call => call.CreateAsync(ControlJsonContext.Default.SeedMembership, core.Store.AddMembership));
            Map("POST", "/resources", call => call.CreateAsync(ControlJsonContext.Default.SeedResource, core.Store.AddResource));
            Map("POST", "/users/{user}/authentication_errors", FailAuthenticationAsync);
            Map("DELETE", "/authentication_errors", call => call.Apply(core.Store.ClearAuthenticationErrors));
            Map("POST", "/users/{user}/impersonation", ImpersonateOnNextSignInAsync);
            Map("GET", "/sessions", ListSessionsAsync);
            Map("DELETE", "/users/{user}", call => call.Core.Store.DeleteUser(call.RouteValue("user"))
                ? call.Apply(static () => { })
                : call.RejectAsync(StatusCodes.Status404NotFound, "entity_not_found", $"The emulator has no user '{call.RouteValue("user")}'."));
            Map("POST", "/webhook_endpoints", call => call.CreateAsync(ControlJsonContext.Default.WebhookEndpointRequestDto, b => core.Webhooks.Add(b.Url, b.Secret)));
            Map("GET", "/webhook_deliveries", ListWebhookDeliveriesAsync);
            Map("PUT", "/actions/authentication", SetAuthenticationActionAsync);
            Map("PUT", "/actions/user_registration", SetUserRegistrationActionAsync);
            Map("GET", "/action_calls", ListActionCallsAsync);
            Map("POST", "/connections", call => call.CreateAsync(SsoJsonContext.Default.SeedConnection, core.Store.AddConnection));
            Map("PUT", "/connections/{connectionId}/state", SetConnectionStateAsync);
            Map("GET", "/outbox", call => call.OkAsync(
                new OutboxDto([.. core.Store.Outbox().Select(e => new OutboxEmailDto(e.Id, e.To, e.Subject, e.Link, e.PasswordlessSessionId, WireTime.Format(e.SentAt)!, OutboxKinds.Name(e.Kind), e.Code))]),
                SsoJsonContext.Default.OutboxDto));
            Map("DELETE", "/outbox", call => call.Apply(core.Store.ClearOutbox));
            Map("POST", "/connect/m2m_applications", call => call.CreateAsync(ConnectJsonContext.Default.SeedM2MApplication, a => core.Store.AddM2MApplication(a).ClientId));
            Map("POST", "/connect/signing_keys/rotate", call => call.Apply(() => core.ConnectKeys.Rotate(call.Context.Request.Query["retire_old"] == "true")));
            Map("POST", "/connect/tokens/revoke", async call =>
            {
                if (await call.ReadAsync(ConnectJsonContext.Default.ConnectRevokeRequestDto).ConfigureAwait(false) is not { } body)
                {
                    return;
                }

                await (string.IsNullOrEmpty(body.Token) ? call.InvalidAsync("token is required.")
                    : ConnectEndpoints.Revoke(core, body.Token) ? call.Apply(static () => { })
                    : call.RejectAsync(StatusCodes.Status404NotFound, "entity_not_found", "The emulator issued no such Connect token.")).ConfigureAwait(false);
            });
            endpoints.Map(Prefix + "/{**rest}", context => new ControlCall(context, core, logger).RejectAsync(
                StatusCodes.Status404NotFound, "entity_not_found",
                $"The emulator's control API has no {context.Request.Method} {context.Request.Path}."));
        });
    }

    private static async Task SetConnectionStateAsync(ControlCall call)
    {
        if (await call.ReadAsync(SsoJsonContext.Default.ConnectionStateRequestDto).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        if (body.State is not ("active" or "inactive"))
        {
            await call.RejectAsync(StatusCodes.Status422UnprocessableEntity, "invalid_request_parameters", "state must be 'active' or 'inactive'.").ConfigureAwait(false);
            return;
        }

        var id = call.RouteValue("connectionId");
        await (call.Core.Store.SetConnectionState(id, body.State == "active")
            ? call.Apply(static () => { })
            : call.RejectAsync(StatusCodes.Status404NotFound, "entity_not_found", $"The emulator has no connection '{id}'.")).ConfigureAwait(false);
    }

    private static Task ListRequestsAsync(ControlCall call)
    {
        var query = call.Context.Request.Query;
        var method = query["method"].ToString() is { Length: > 0 } m ? m : "*";
        var path = query["path"].ToString() is { Length: > 0 } p ? p : "*";
        var data = call.Core.Log.Snapshot()
            .Where(r => PathPattern.MethodMatches(method, r.Method) && PathPattern.Matches(path, r.Path))
            .Select(r => new RequestEntryDto(r.Method, r.Path, r.Query, r.Body, r.StatusCode, WireTime.Format(r.Timestamp)))
            .ToList();
        return call.OkAsync(new RequestListDto(data.Count, data), ControlJsonContext.Default.RequestListDto);
    }

    private static async Task InjectFaultAsync(ControlCall call)
    {
        if (await call.ReadAsync(ControlJsonContext.Default.FaultRequestDto).ConfigureAwait(false) is not { } fault)
        {
            return;
        }

        var reason = fault switch
        {
            _ when string.IsNullOrWhiteSpace(fault.Method) => "method is required (an HTTP method, or * for any).",
            _ when fault.Path is null || !fault.Path.StartsWith('/') => "path is required and starts with / (a trailing * matches a prefix).",
            { Status: null } => "status is required (an HTTP status code, or 0 for latency only).",
            { Status: not 0 and (< 100 or > 599) } => "status must be an HTTP status code from 100 to 599, or 0 for latency only.",
            { Count: 0 or < -1 } => "count must be positive, or -1 for until cleared.",
            { LatencyMs: < 0 } => "latency_ms must not be negative.",
            { PadTo: < 0 } => "pad_to must not be negative.",
            _ => null,
        };
        if (reason is not null)
        {
            await call.InvalidAsync(reason).ConfigureAwait(false);
            return;
        }

        call.Core.Faults.Add(fault.Method!, fault.Path!, fault.Status!.Value, fault.Body, TimeSpan.FromMilliseconds(fault.LatencyMs ?? 0),
            fault.Count ?? 1, fault.ContentType, fault.Headers, fault.PadTo ?? 0);
        await call.Apply(static () => { }).ConfigureAwait(false);
    }

    private static async Task SetAuthenticationActionAsync(ControlCall call)
    {
        if (await call.ReadAsync(ActionJsonContext.Default.ActionEndpointRequestDto).ConfigureAwait(false) is { } body)
        {
            await call.ChangeAsync(() => call.Core.Actions.SetAuthentication(body.Url, body.Secret)).ConfigureAwait(false);
        }
    }

    private static async Task SetUserRegistrationActionAsync(ControlCall call)
    {
        if (await call.ReadAsync(ActionJsonContext.Default.ActionEndpointRequestDto).ConfigureAwait(false) is { } body)
        {
            await call.ChangeAsync(() => call.Core.Actions.SetUserRegistration(body.Url, body.Secret)).ConfigureAwait(false);
        }
    }

    private static Task ListActionCallsAsync(ControlCall call)
    {
        var data = call.Core.Actions.Snapshot()
            .Select(c => new ActionCallDto(c.Kind, c.ActionId, c.Url, c.UserId, c.StatusCode, c.Allowed, c.ErrorMessage, c.Problem))
            .ToList();
        return call.OkAsync(new ActionCallListDto(data.Count, data), ActionJsonContext.Default.ActionCallListDto);
    }

    private static Task ListWebhookDeliveriesAsync(ControlCall call)
    {
        var eventType = call.Context.Request.Query["event"].ToString() is { Length: > 0 } e ? e : "*";
        var data = call.Core.Webhooks.Snapshot()
            .Where(d => eventType == "*" || d.EventType == eventType)
            .Select(d => new WebhookDeliveryDto(d.EventId, d.EventType, d.EndpointId, d.EndpointUrl, d.Attempts, d.LastStatusCode,
                d.State.ToString().ToLowerInvariant()))
            .ToList();
        return call.OkAsync(new WebhookDeliveryListDto(data.Count, data), ControlJsonContext.Default.WebhookDeliveryListDto);
    }

    private static async Task RotateKeyAsync(ControlCall call)
    {
        var retireOld = false;
        if (call.HasBody)
        {
            if (await call.ReadAsync(ControlJsonContext.Default.RotateKeyRequestDto).ConfigureAwait(false) is not { } body)
            {
                return;
            }

            retireOld = body.RetireOld;
        }

        call.Core.Keys.Rotate(retireOld);
        call.Applied();
        await call.OkAsync(new SigningKeyDto(call.Core.Keys.Current.KeyId!), ControlJsonContext.Default.SigningKeyDto).ConfigureAwait(false);
    }

    private static async Task SetTokenLifetimeAsync(ControlCall call)
    {
        if (await call.ReadAsync(ControlJsonContext.Default.TokenLifetimeDto).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        if (body.Seconds is not > 0)
        {
            await call.InvalidAsync("seconds must be a positive number of seconds.").ConfigureAwait(false);
            return;
        }

        call.Core.Options.AccessTokenLifetime = TimeSpan.FromSeconds(body.Seconds.Value);
        call.Applied();
        await call.OkAsync(body, ControlJsonContext.Default.TokenLifetimeDto).ConfigureAwait(false);
    }

    private static Task RevokeSessionAsync(ControlCall call)
    {
        var sessionId = call.RouteValue("sessionId");
        return call.Core.Store.EndSession(sessionId) is null
            ? call.RejectAsync(StatusCodes.Status404NotFound, "entity_not_found", $"The emulator has no session '{sessionId}'.")
            : call.Apply(static () => { });
    }

    private static async Task RevokeUserSessionsAsync(ControlCall call)
    {
        var user = call.RouteValue("user");
        if (call.Core.Store.FindUserId(user) is null)
        {
            await call.RejectAsync(StatusCodes.Status404NotFound, "entity_not_found", $"The emulator has no user '{user}'.").ConfigureAwait(false);
            return;
        }

        var revoked = call.Core.Store.EndSessionsOf(user);
        call.Applied();
        await call.OkAsync(new RevokedDto(revoked), ControlJsonContext.Default.RevokedDto).ConfigureAwait(false);
    }

    private static async Task SetUserRolesAsync(ControlCall call)
    {
        if (await call.ReadAsync(ControlJsonContext.Default.RolesRequestDto).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        if (body.Roles is not { Length: > 0 } roles || roles.Any(string.IsNullOrWhiteSpace))
        {
            await call.InvalidAsync("roles must list at least one role slug, the primary role first.").ConfigureAwait(false);
            return;
        }

        await call.ChangeAsync(() => call.Core.Store.SetUserRoles(call.RouteValue("user"), call.RouteValue("organizationId"), roles)).ConfigureAwait(false);
    }

    private static Task DeleteRoleAsync(ControlCall call)
    {
        var slug = call.RouteValue("roleSlug");
        try
        {
            return call.Core.Store.DeleteRole(slug)
                ? call.Apply(static () => { })
                : call.RejectAsync(StatusCodes.Status404NotFound, "entity_not_found", $"The emulator has no role '{slug}'.");
        }
        catch (InvalidOperationException e)
        {
            return call.RejectAsync(StatusCodes.Status409Conflict, "role_in_use", e.Message);
        }
    }

    private static async Task SetRolePermissionsAsync(ControlCall call)
    {
        if (await call.ReadAsync(ControlJsonContext.Default.PermissionsRequestDto).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        if (body.Permissions is not { } permissions || permissions.Any(string.IsNullOrWhiteSpace))
        {
            await call.InvalidAsync("permissions must be a list of permission slugs.").ConfigureAwait(false);
            return;
        }

        await call.ChangeAsync(() => call.Core.Store.SetRolePermissions(call.RouteValue("roleSlug"), permissions)).ConfigureAwait(false);
    }

    private static async Task AssignRoleAsync(ControlCall call)
    {
        if (await call.ReadAsync(ControlJsonContext.Default.RoleAssignmentRequestDto).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(body.User) || string.IsNullOrWhiteSpace(body.OrganizationId) || string.IsNullOrWhiteSpace(body.RoleSlug))
        {
            await call.InvalidAsync("user, organization_id and role_slug are required.").ConfigureAwait(false);
            return;
        }

        string id;
        try
        {
            id = call.Core.Store.AssignRole(body.User, body.OrganizationId, body.RoleSlug, body.ResourceTypeSlug, body.ResourceExternalId);
        }
        catch (ArgumentException e)
        {
            await call.InvalidAsync(e.Message).ConfigureAwait(false);
            return;
        }

        call.Applied();
        await call.OkAsync(new RoleAssignmentIdDto(id), ControlJsonContext.Default.RoleAssignmentIdDto).ConfigureAwait(false);
    }

    private static Task RemoveRoleAssignmentAsync(ControlCall call)
    {
        var id = call.RouteValue("roleAssignmentId");
        return call.Core.Store.RemoveRoleAssignment(id)
            ? call.Apply(static () => { })
            : call.RejectAsync(StatusCodes.Status404NotFound, "entity_not_found", $"The emulator has no role assignment '{id}'.");
    }

    private static async Task SetUserFeatureFlagsAsync(ControlCall call)
    {
        if (await call.ReadSlugsAsync(ControlJsonContext.Default.FeatureFlagsRequestDto, b => b.Flags, "flags").ConfigureAwait(false) is { } flags)
        {
            await call.ChangeAsync(() => call.Core.Store.SetUserFeatureFlags(call.RouteValue("user"), flags)).ConfigureAwait(false);
        }
    }

    private static async Task SetOrganizationFeatureFlagsAsync(ControlCall call)
    {
        if (await call.ReadSlugsAsync(ControlJsonContext.Default.FeatureFlagsRequestDto, b => b.Flags, "flags").ConfigureAwait(false) is { } flags)
        {
            await call.ChangeAsync(() => call.Core.Store.SetOrganizationFeatureFlags(call.RouteValue("organizationId"), flags)).ConfigureAwait(false);
        }
    }

    private static async Task SetOrganizationEntitlementsAsync(ControlCall call)
    {
        if (await call.ReadSlugsAsync(ControlJsonContext.Default.EntitlementsRequestDto, b => b.Entitlements, "entitlements").ConfigureAwait(false) is { } slugs)
        {
            await call.ChangeAsync(() => call.Core.Store.SetOrganizationEntitlements(call.RouteValue("organizationId"), slugs)).ConfigureAwait(false);
        }
    }

    private static async Task RevokeApiKeyAsync(ControlCall call)
    {
        if (await call.ReadAsync(ControlJsonContext.Default.ApiKeyRevokeRequestDto).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        if (string.IsNullOrEmpty(body.Value))
        {
            await call.InvalidAsync("value (the API key's secret) is required.").ConfigureAwait(false);
        }
        else if (!call.Core.Store.RevokeApiKey(body.Value))
        {
            await call.RejectAsync(StatusCodes.Status404NotFound, "entity_not_found", "The emulator has no such API key.").ConfigureAwait(false);
        }
        else
        {
            await call.Apply(static () => { }).ConfigureAwait(false);
        }
    }

    private static async Task FailAuthenticationAsync(ControlCall call)
    {
        if (await call.ReadAsync(ControlJsonContext.Default.AuthenticationErrorRequestDto).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        var error = AuthenticationErrors.Parse(body.Error);
        var count = body.Count ?? 1;
        var reason = (error, count) switch
        {
            (null, _) => "error must be email_verification_required, mfa_enrollment, organization_selection_required or sso_required.",
            (_, 0 or < -1) => "count must be positive, or -1 for until cleared.",
            _ => null,
        };
        if (reason is not null)
        {
            await call.InvalidAsync(reason).ConfigureAwait(false);
            return;
        }

        await call.ChangeAsync(() => call.Core.Store.AddAuthenticationError(call.RouteValue("user"), error!.Value, count, body.RefreshOnly)).ConfigureAwait(false);
    }

    private static async Task ImpersonateOnNextSignInAsync(ControlCall call)
    {
        if (await call.ReadAsync(ControlJsonContext.Default.ImpersonationRequestDto).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(body.ImpersonatorEmail))
        {
            await call.InvalidAsync("impersonator_email (the dashboard user's email) is required.").ConfigureAwait(false);
            return;
        }

        var user = call.RouteValue("user");
        var armed = false;
        await call.ChangeAsync(() =>
        {
            call.Core.Store.PrepareImpersonation(user, body.ImpersonatorEmail, body.Reason);
            armed = true;
        }).ConfigureAwait(false);
        if (armed)
        {
            ControlLog.ImpersonationArmed(call.Logger, user, body.ImpersonatorEmail);
        }
    }

    private static Task ListSessionsAsync(ControlCall call)
    {
        var user = call.Context.Request.Query["user"].ToString();
        var userId = user.Length > 0 ? call.Core.Store.FindUserId(user) ?? user : null;
        var data = call.Core.Store.Sessions()
            .Where(s => userId is null || s.UserId == userId)
            .Select(s => new SessionEntryDto(s.Id, s.UserId, s.OrganizationId, s.IsActive, WireTime.Format(s.CreatedAt), WireTime.Format(s.EndedAt)))
            .ToList();
        return call.OkAsync(new SessionListDto(data.Count, data), ControlJsonContext.Default.SessionListDto);
    }

    /// <summary>One control request: reads its JSON, applies it, answers and logs the outcome.</summary>
    private sealed class ControlCall(HttpContext context, EmulatorCore core, ILogger logger)
    {
        public HttpContext Context => context;

        public EmulatorCore Core => core;

        public ILogger Logger => logger;

        public bool HasBody => context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0;

        public string RouteValue(string name) => context.Request.RouteValues[name] as string ?? "";

        /// <summary>Reads the JSON body; answers 400 and returns <see langword="null"/> when it is missing or malformed.</summary>
        public async Task<T?> ReadAsync<T>(JsonTypeInfo<T> typeInfo)
            where T : class
        {
            try
            {
                if (await context.Request.ReadFromJsonAsync(typeInfo, context.RequestAborted).ConfigureAwait(false) is { } value)
                {
                    return value;
                }
            }
            catch (JsonException e)
            {
                await RejectAsync(StatusCodes.Status400BadRequest, "invalid_json", $"The body is not valid JSON for this call: {e.Message}").ConfigureAwait(false);
                return null;
            }

            await RejectAsync(StatusCodes.Status400BadRequest, "invalid_json", "The body must be a JSON object.").ConfigureAwait(false);
            return null;
        }

        public async Task<string[]?> ReadSlugsAsync<T>(JsonTypeInfo<T> typeInfo, Func<T, string[]?> slugs, string name)
            where T : class
        {
            if (await ReadAsync(typeInfo).ConfigureAwait(false) is not { } body)
            {
                return null;
            }

            if (slugs(body) is { } values && !values.Any(string.IsNullOrWhiteSpace))
            {
                return values;
            }

            await InvalidAsync($"{name} must be a list of slugs.").ConfigureAwait(false);
            return null;
        }

        /// <summary>Adds what the body describes, checked by the store as the seed is; answers its <c>{"id"}</c>, or 422.</summary>
        public async Task CreateAsync<T>(JsonTypeInfo<T> typeInfo, Func<T, string> add)
            where T : class
        {
            if (await ReadAsync(typeInfo).ConfigureAwait(false) is not { } body)
            {
                return;
            }

            string id;
            try
            {
                id = add(body);
            }
            catch (ArgumentException e)
            {
                await InvalidAsync(e.Message).ConfigureAwait(false);
                return;
            }

            Applied();
            await OkAsync(new CreatedDto(id), ControlJsonContext.Default.CreatedDto).ConfigureAwait(false);
        }

        /// <summary>Applies a change the store validates; an unknown user, organization or role answers 422.</summary>
        public Task ChangeAsync(Action change)
        {
            try
            {
                change();
            }
            catch (ArgumentException e)
            {
                return InvalidAsync(e.Message);
            }

            return Apply(static () => { });
        }

        public Task Apply(Action change)
        {
            change();
            Applied();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            context.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        }

        public void Applied() => ControlLog.Applied(logger, context.Request.Method, context.Request.Path.Value ?? "/");

        public Task OkAsync<T>(T value, JsonTypeInfo<T> typeInfo) =>
            Responses.JsonAsync(context, StatusCodes.Status200OK, value, typeInfo);

        public Task InvalidAsync(string message) =>
            RejectAsync(StatusCodes.Status422UnprocessableEntity, "invalid_request_parameters", message);

        public Task RejectAsync(int status, string code, string message)
        {
            ControlLog.Rejected(logger, context.Request.Method, context.Request.Path.Value ?? "/", status, message);
            return Responses.ErrorAsync(context, status, code, message);
        }
    }
}
