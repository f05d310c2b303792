using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Diagnostics;

namespace WorkOS.AspNetCore.Fga;

/// <summary>
/// The WorkOS calls of fine-grained checks: the active membership of a user in an organization, and the access
/// check of a membership on a resource, each within <see cref="FgaOptions.CheckTimeout"/>. WorkOS
/// errors, timeouts and unusable answers are results (<see cref="FgaCall{T}"/>); anything else is a bug and is thrown.
/// Only the caller going away ends a call with <see cref="OperationCanceledException"/>. The API key and base
/// URL are the app's client settings (<see cref="WorkOSClientOptions"/>), read at each call, with or without an
/// AuthKit scheme.
/// </summary>
internal sealed class WorkOSFgaClient
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptionsMonitor<WorkOSClientOptions> _client;
    private readonly IOptions<FgaOptions> _options;
    private readonly ILogger? _logger;
    private readonly TimeProvider _time;

    public WorkOSFgaClient(IHttpClientFactory httpClientFactory, IOptionsMonitor<WorkOSClientOptions> client,
        IOptions<FgaOptions> options, TimeProvider? time = null, ILogger<WorkOSFgaClient>? logger = null)
    {
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _httpClientFactory = httpClientFactory;
        _client = client;
        _options = options;
    }

    /// <summary>Whether an API key and base URL are known; false (never an exception) when the options are invalid.</summary>
    public bool IsConfigured
    {
        get
        {
            var settings = _client.CurrentValue;
            return !string.IsNullOrEmpty(settings.ApiKey) && Uri.TryCreate(settings.ApiBaseUrl, UriKind.Absolute, out _);
        }
    }

    /// <summary>Where the API key of the checks comes from, for the log line of a missing one.</summary>
    public string Scheme => nameof(WorkOSClientOptions);

    /// <summary>The id of the user's active membership in the organization, <see langword="null"/> when there is none.</summary>
    public Task<FgaCall<string?>> FindActiveMembershipIdAsync(string userId, string organizationId, CancellationToken cancellationToken)
    {
        var path = "user_management/organization_memberships?user_id=" + Uri.EscapeDataString(userId)
            + "&organization_id=" + Uri.EscapeDataString(organizationId) + "&statuses=active&limit=10";
        return CallAsync(async (settings, ct) =>
        {
            using var request = WorkOSEndpoint.ListMemberships.Tag(new HttpRequestMessage(HttpMethod.Get, settings.Url(path)));
            var page = await Client(settings).SendAsync(request, WorkOSAuthorizationJsonContext.Default.WorkOSListWorkOSOrganizationMembership,
                authenticated: true, ct).ConfigureAwait(false);

            // Trust only a membership that is what was asked for, whatever else the list holds.
            return FgaCall<string?>.Answered(page.Data.FirstOrDefault(m => !string.IsNullOrEmpty(m.Id)
                && string.Equals(m.UserId, userId, StringComparison.Ordinal)
                && string.Equals(m.OrganizationId, organizationId, StringComparison.Ordinal)
                && string.Equals(m.Status, "active", StringComparison.Ordinal))?.Id);
        }, cancellationToken);
    }

    /// <summary>Whether WorkOS authorizes the membership for the permission on the resource.</summary>
    public Task<FgaCall<bool>> CheckAsync(string membershipId, string permission, WorkOSResource resource, CancellationToken cancellationToken)
    {
        var body = new AuthorizationCheckRequest
        {
            PermissionSlug = permission,
            ResourceId = resource.Id,
            ResourceExternalId = resource.ExternalId,
            ResourceTypeSlug = resource.ResourceType,
        };
        var path = "authorization/organization_memberships/" + Uri.EscapeDataString(membershipId) + "/check";
        return CallAsync(async (settings, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url(path))
            {
                Content = JsonContent.Create(body, WorkOSAuthorizationJsonContext.Default.AuthorizationCheckRequest),
            };
            WorkOSEndpoint.AuthorizationCheck.Tag(request);
            var response = await Client(settings).SendAsync(request, WorkOSAuthorizationJsonContext.Default.AuthorizationCheckResponse,
                authenticated: true, ct).ConfigureAwait(false);
            return response.Authorized is { } authorized
                ? FgaCall<bool>.Answered(authorized)
                : FgaCall<bool>.Failed(new FgaFailure(System.Net.HttpStatusCode.OK, "http_200", null)); // no 'authorized' in the answer
        }, cancellationToken);
    }

    private async Task<FgaCall<T>> CallAsync<T>(Func<WorkOSApiSettings, CancellationToken, Task<FgaCall<T>>> call, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.Value.CheckTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await call(Settings(), linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return FgaCall<T>.Failed(FgaFailure.Timeout(ex));
        }
        catch (WorkOSApiException ex)
        {
            return FgaCall<T>.Failed(FgaFailure.From(ex));
        }
    }

    private WorkOSApiSettings Settings() => WorkOSApiSettings.From(_client.CurrentValue);

    private WorkOSApiClient Client(WorkOSApiSettings settings) =>
        new(_httpClientFactory.CreateClient(WorkOSAuthKitDefaults.HttpClientName), settings, _logger, _time);
}
