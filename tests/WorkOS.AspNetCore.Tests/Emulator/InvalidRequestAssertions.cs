using System.Net;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>WorkOS's answer to a request body it cannot take, as the emulator's JSON API endpoints give it.</summary>
internal static class InvalidRequestAssertions
{
    /// <summary>
    /// Posts <paramref name="json"/> to <paramref name="path"/> with the API key and asserts <c>422
    /// invalid_request_parameters</c> naming only <paramref name="field"/>, and the log line <paramref name="eventId"/>.
    /// </summary>
    public static async Task AssertRefusedNamingAsync(string path, string json, string field, int eventId)
    {
        var log = new TestLogSink();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(log));
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.LoggerFactory = loggers);
        using var http = emulator.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Headers = { Authorization = new("Bearer", emulator.ApiKey) },
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await AuthKitClient.ReadJsonAsync(response);
        Assert.Equal("invalid_request_parameters", body.GetProperty("code").GetString());
        Assert.Equal(field, Assert.Single(body.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
        Assert.Contains(log.Entries, e => e.EventId.Id == eventId);
    }
}
