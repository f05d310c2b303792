using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Api;

namespace WorkOS.AspNetCore.Fga;

/// <summary>A fine-grained check that could not be decided, as passed to <c>OnCheckFailed</c>.</summary>
public sealed class WorkOSCheckFailedContext
{
    internal WorkOSCheckFailedContext(HttpContext? httpContext, string permission, WorkOSResource resource, string? userId,
        string? organizationId, string error, Exception? exception)
    {
        HttpContext = httpContext;
        Permission = permission;
        Resource = resource;
        UserId = userId;
        OrganizationId = organizationId;
        Error = error;
        Exception = exception;
    }

    /// <summary>The request the check ran for; <see langword="null"/> outside a request.</summary>
    public HttpContext? HttpContext { get; }

    /// <summary>The permission slug that was checked.</summary>
    public string Permission { get; }

    /// <summary>The resource that was checked.</summary>
    public WorkOSResource Resource { get; }

    /// <summary>The WorkOS user id.</summary>
    public string? UserId { get; }

    /// <summary>The organization of the session.</summary>
    public string? OrganizationId { get; }

    /// <summary>A short error code: <c>timeout</c>, <c>network_error</c>, <c>http_503</c>, <c>invalid_response</c>, ...</summary>
    public string Error { get; }

    /// <summary>The failure, usually a <see cref="WorkOSApiException"/>.</summary>
    public Exception? Exception { get; }
}
