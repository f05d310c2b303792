using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Session;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Session;

/// <summary>WorkOSSessionService answers every upstream shape with a <see cref="WorkOSApiException"/>, never another exception.</summary>
public sealed class SessionServiceUpstreamTests
{
    [Theory]
    [InlineData(200, """{"data":null}""", null, "invalid_response")]
    [InlineData(200, """{"data":[null]}""", null, "invalid_response")]
    [InlineData(200, "<html>proxy</html>", "text/html", "invalid_response")]
    [InlineData(400, "<html>proxy</html>", "text/html", null)]
    public async Task Session_list_answered_with_something_other_than_sessions_is_a_workos_api_exception(int status, string body, string? contentType,
        string? errorCode)
    {
        await using var app = await AuthKitTestApp.StartAsync();
        var sessions = app.Services.GetRequiredService<WorkOSSessionService>();
        app.Emulator.InjectFault("GET", "/user_management/users/*", status, body, contentType: contentType);

        var error = await Assert.ThrowsAsync<WorkOSApiException>(() => sessions.ListAsync("user_alice"));

        Assert.Equal(errorCode, error.ErrorCode);
        Assert.True(error.IsTransient);
        Assert.False(error.IsWorkOSError);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1703);
    }
}
