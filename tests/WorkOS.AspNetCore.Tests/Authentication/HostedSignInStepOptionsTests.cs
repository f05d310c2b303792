using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.Tests.Authentication;

public sealed class HostedSignInStepOptionsTests
{
    private static async Task<OptionsValidationException> StartFailsAsync(Action<WorkOSAuthKitOptions> configure)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Services.AddWorkOSAuthKit(o =>
        {
            o.ClientId = "client_1";
            o.ApiKey = "sk_test_1";
            configure(o);
        });
        await using var app = builder.Build();
        return await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
    }

    [Theory]
    [InlineData("//evil.example/step")]
    [InlineData("/\\evil.example/step")]
    [InlineData("/account/step?next=1")]
    [InlineData("/account/step#top")]
    [InlineData("/account/st ep")]
    public async Task A_sign_in_step_path_that_is_not_a_local_path_fails_at_startup(string path)
    {
        var error = await StartFailsAsync(o => o.SignInStepPath = new PathString(path));

        Assert.Contains("SignInStepPath", error.Message);
        Assert.Contains("local path", error.Message);
    }

    [Fact]
    public async Task The_callback_path_cannot_be_the_sign_in_step_path()
    {
        var error = await StartFailsAsync(o => o.SignInStepPath = o.CallbackPath);

        Assert.Contains("SignInStepPath", error.Message);
        Assert.Contains("CallbackPath", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(601)]
    public async Task A_sign_in_step_lifetime_outside_zero_to_ten_minutes_fails_at_startup(int seconds)
    {
        var error = await StartFailsAsync(o => o.SignInStepLifetime = TimeSpan.FromSeconds(seconds));

        Assert.Contains("SignInStepLifetime", error.Message);
    }

    [Theory]
    [InlineData("/account/sign-in-step", 600)]
    [InlineData("/step", 1)]
    public void A_local_step_path_and_a_lifetime_up_to_ten_minutes_are_accepted(string path, int seconds)
    {
        var options = new WorkOSAuthKitOptions
        {
            ClientId = "client_1", ApiKey = "sk_test_1", ApiBaseUrl = "https://api.workos.com", SignInStepPath = new PathString(path), SignInStepLifetime = TimeSpan.FromSeconds(seconds),
        };

        Assert.Empty(WorkOSAuthKitOptionsValidator.Collect(options, isDevelopment: true, scheme: null));
    }
}
