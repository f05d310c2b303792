using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.SignIn;

namespace WorkOS.AspNetCore.Tests.SignIn;

public sealed class SignInManagerRegistrationTests
{
    [Fact]
    public async Task AddWorkOSAuthKit_registers_one_sign_in_manager_for_its_scheme_also_keyed_by_the_scheme_name()
    {
        await using var app = await SignInApp.StartAsync();

        var manager = app.Services.GetRequiredService<WorkOSSignInManager>();

        Assert.Same(manager, app.Services.GetRequiredService<WorkOSSignInManager>());
        Assert.Same(manager, app.Services.GetRequiredKeyedService<WorkOSSignInManager>(WorkOSAuthKitDefaults.AuthenticationScheme));
    }
}
