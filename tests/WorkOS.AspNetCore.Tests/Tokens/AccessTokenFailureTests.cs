using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Bearer;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Tokens;

namespace WorkOS.AspNetCore.Tests.Tokens;

/// <summary>
/// The reason a refused token carries, which decides what the session does with it: a token that could not be checked
/// (<see cref="AccessTokenFailure.KeysUnavailable"/>) is not a bad token, and neither is told apart from a key WorkOS
/// does not publish (<see cref="AccessTokenFailure.UnknownKey"/>) by guesswork.
/// </summary>
public sealed class AccessTokenFailureTests
{
    [Fact]
    public async Task A_token_from_WorkOS_with_a_new_key_while_the_keys_cannot_be_fetched_is_keys_unavailable()
    {
        await using var setup = await ValidatorSetup.StartAsync();
        Assert.True((await setup.ValidateAsync(setup.Emulator.CreateAccessToken(TestTokens.AliceClaims()), AccessTokenSource.WorkOS)).IsValid);
        setup.Emulator.RotateSigningKey();
        setup.Emulator.InjectFault("GET", "/sso/jwks/*", 503, count: -1);

        var rotated = await setup.ValidateAsync(setup.Emulator.CreateAccessToken(TestTokens.AliceClaims()), AccessTokenSource.WorkOS);

        Assert.Equal(AccessTokenFailure.KeysUnavailable, rotated.Reason);
        Assert.NotNull(rotated.Exception);
    }

    [Fact]
    public async Task A_token_from_WorkOS_with_a_key_the_fetched_keys_lack_is_unknown_key()
    {
        await using var setup = await ValidatorSetup.StartAsync();
        var (jwks, _) = await TestTokens.JwksAsync(setup.Emulator);
        setup.Emulator.RotateSigningKey(retireOld: true);
        setup.Emulator.InjectFault("GET", "/sso/jwks/*", 200, jwks, count: -1);

        var result = await setup.ValidateAsync(setup.Emulator.CreateAccessToken(TestTokens.AliceClaims()), AccessTokenSource.WorkOS);

        Assert.Equal(AccessTokenFailure.UnknownKey, result.Reason);
    }

    [Fact]
    public async Task Bad_signatures_expiry_and_foreign_clients_are_told_apart_from_unavailable_keys_even_during_an_outage()
    {
        await using var setup = await ValidatorSetup.StartAsync();
        var genuine = setup.Emulator.CreateAccessToken(TestTokens.AliceClaims(), TimeSpan.FromMinutes(1));
        Assert.True((await setup.ValidateAsync(genuine, AccessTokenSource.WorkOS)).IsValid);
        setup.Emulator.InjectFault("GET", "/sso/jwks/*", 503, count: -1);
        var tampered = TestTokens.WithPayload(genuine, TestTokens.ForgeryClaims(setup.Emulator, setup.Clock));
        var foreign = setup.Emulator.CreateAccessToken(new Dictionary<string, object>(TestTokens.AliceClaims()) { ["client_id"] = "client_other" });

        Assert.Equal(AccessTokenFailure.InvalidSignature, (await setup.ValidateAsync(tampered, AccessTokenSource.WorkOS)).Reason);
        Assert.Equal(AccessTokenFailure.InvalidAudience, (await setup.ValidateAsync(foreign, AccessTokenSource.WorkOS)).Reason);
        setup.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(AccessTokenFailure.Expired, (await setup.ValidateAsync(genuine, AccessTokenSource.WorkOS)).Reason);
    }

    /// <summary>The validators as the app gets them, reaching an in-process emulator, on a manual clock.</summary>
    private sealed class ValidatorSetup : IAsyncDisposable
    {
        private readonly ServiceProvider _services;

        private ValidatorSetup(WorkOSEmulator emulator, FakeTimeProvider clock, ServiceProvider services)
        {
            Emulator = emulator;
            Clock = clock;
            _services = services;
        }

        public WorkOSEmulator Emulator { get; }

        public FakeTimeProvider Clock { get; }

        public static Task<ValidatorSetup> StartAsync()
        {
            var clock = TestClock.StartingNow();
            var emulator = WorkOSEmulator.CreateInProcess(o => o.TimeProvider = clock);
            var services = new ServiceCollection()
                .AddLogging(logging => logging.ClearProviders())
                .AddSingleton<TimeProvider>(clock)
                .AddSingleton<AccessTokenValidators>();
            services.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName).ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler);
            return Task.FromResult(new ValidatorSetup(emulator, clock, services.BuildServiceProvider()));
        }

        public Task<AccessTokenValidationResult> ValidateAsync(string token, AccessTokenSource source) =>
            _services.GetRequiredService<AccessTokenValidators>()
                .Get(Emulator.BaseUrl.ToString(), Emulator.ClientId, TimeSpan.FromMinutes(5), TimeSpan.FromHours(12))
                .ValidateAsync(token, new AccessTokenChecks(Emulator.ClientId, [], [], TimeSpan.FromSeconds(30)), source, CancellationToken.None);

        public async ValueTask DisposeAsync()
        {
            await _services.DisposeAsync();
            await Emulator.DisposeAsync();
        }
    }
}
