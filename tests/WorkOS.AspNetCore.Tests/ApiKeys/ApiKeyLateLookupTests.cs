using System.Net;
using WorkOS.AspNetCore.ApiKeys;
using WorkOS.AspNetCore.Tests.Bearer;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.ApiKeys;

/// <summary>
/// A request can read the cache just before another request's call to WorkOS stores its answer, and then look for that
/// call just after it ended: it must take the stored answer, not ask WorkOS again.
/// </summary>
public sealed class ApiKeyLateLookupTests
{
    private const string AcmeKey = "sk_acme_reports_emulator";

    [Fact]
    public async Task A_request_that_missed_the_stored_answer_and_the_call_that_stored_it_takes_that_answer_without_asking_again()
    {
        await using var app = await ApiTestApp.StartAsync(WorkOSApiKeyDefaults.AuthenticationScheme, services: s => LateLookupHybridCache.Replace(s, "WorkOS:api-key:"));

        using var first = await app.GetAsync("/api/reports", AcmeKey);
        using var second = await app.GetAsync("/api/reports", AcmeKey); // its lookup comes too late to see the answer or the call

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, app.ValidationCalls);
    }
}
