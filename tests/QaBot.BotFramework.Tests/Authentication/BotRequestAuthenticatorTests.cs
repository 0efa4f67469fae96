using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QaBot.BotFramework.Authentication;
using QaBot.Testing.BotFramework;
using QaBot.Testing.Http;

namespace QaBot.BotFramework.Tests.Authentication;

[Trait("Category", "Fast")]
public sealed class BotRequestAuthenticatorTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private readonly TestChannelAuthority _authority;

    public BotRequestAuthenticatorTests()
    {
        _authority = new TestChannelAuthority(_time);
    }

    public void Dispose() => _authority.Dispose();

    [Fact]
    public async Task Authenticate_ValidTokenAndMatchingActivity_Allowed()
    {
        var authenticator = Create();

        var caller = await authenticator.AuthenticateCallerAsync(Bearer(_authority.CreateToken()), IPAddress.Parse("52.112.0.1"), default);
        var result = authenticator.AuthorizeActivity(caller, TestActivities.Message());

        Assert.Equal(AuthenticationStatus.Allowed, result.Status);
    }

    [Fact]
    public async Task AuthenticateCaller_WrongAudience_Unauthorized()
    {
        var result = await Create().AuthenticateCallerAsync(Bearer(_authority.CreateToken(new() { Audience = "someone-elses-bot" })), null, default);

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
        Assert.Contains("audience", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticateCaller_WrongIssuer_Unauthorized()
    {
        var result = await Create().AuthenticateCallerAsync(Bearer(_authority.CreateToken(new() { Issuer = "https://sts.windows.net/evil/" })), null, default);

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
        Assert.Contains("issuer", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticateCaller_IssuerFromConfiguredList_Allowed()
    {
        const string entra = "https://login.microsoftonline.com/" + TestChannelAuthority.TenantId + "/v2.0";
        var authenticator = Create(o => o.Issuers = [BotOptions.BotFrameworkIssuer, entra]);

        var result = await authenticator.AuthenticateCallerAsync(Bearer(_authority.CreateToken(new() { Issuer = entra })), null, default);

        Assert.Equal(AuthenticationStatus.Allowed, result.Status);
    }

    [Fact]
    public async Task AuthenticateCaller_ExpiredBeyondFiveMinutesSkew_Unauthorized()
    {
        var token = _authority.CreateToken(new() { IssuedAt = _time.GetUtcNow().AddHours(-2), Lifetime = TimeSpan.FromHours(1) });

        var result = await Create().AuthenticateCallerAsync(Bearer(token), null, default);

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task AuthenticateCaller_ExpiredWithinFiveMinutesSkew_Allowed()
    {
        var token = _authority.CreateToken(new() { IssuedAt = _time.GetUtcNow().AddMinutes(-64), Lifetime = TimeSpan.FromHours(1) });

        var result = await Create().AuthenticateCallerAsync(Bearer(token), null, default);

        Assert.Equal(AuthenticationStatus.Allowed, result.Status);
    }

    [Fact]
    public async Task AuthenticateCaller_NotValidForAnotherTenMinutes_Unauthorized()
    {
        var token = _authority.CreateToken(new() { IssuedAt = _time.GetUtcNow().AddMinutes(10) });

        var result = await Create().AuthenticateCallerAsync(Bearer(token), null, default);

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task AuthenticateCaller_AlgNoneToken_Unauthorized()
    {
        var result = await Create().AuthenticateCallerAsync(Bearer(_authority.CreateToken(new() { AlgNone = true })), null, default);

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
        Assert.Equal(0, _authority.MetadataFetches);
    }

    [Fact]
    public async Task AuthenticateCaller_Hs256Token_Unauthorized()
    {
        var result = await Create().AuthenticateCallerAsync(Bearer(_authority.CreateToken(new() { SymmetricHs256 = true })), null, default);

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task AuthenticateCaller_KeyIdOfPublishedKeyButOtherKeySigned_Unauthorized()
    {
        var token = _authority.CreateToken(new() { UseUnpublishedKey = true, KeyId = "key-endorsed" });

        var result = await Create().AuthenticateCallerAsync(Bearer(token), null, default);

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
        Assert.Contains("signature", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticateCaller_UnknownKey_UnauthorizedAfterOneFetch()
    {
        var result = await Create().AuthenticateCallerAsync(Bearer(_authority.CreateToken(new() { UseUnpublishedKey = true })), null, default);

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
        Assert.Equal(1, _authority.MetadataFetches);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    [InlineData("Bearer not-a-jwt")]
    public async Task AuthenticateCaller_NoUsableToken_Unauthorized(string? header)
    {
        var result = await Create().AuthenticateCallerAsync(header, IPAddress.Loopback, default);

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task AuthorizeActivity_KeyNotEndorsedForChannel_Forbidden()
    {
        var authenticator = Create();
        var caller = await authenticator.AuthenticateCallerAsync(Bearer(_authority.CreateToken(new() { KeyId = "key-not-endorsed" })), null, default);
        Assert.True(caller.IsAllowed, caller.Reason);

        var result = authenticator.AuthorizeActivity(caller, TestActivities.Message());

        Assert.Equal(AuthenticationStatus.Forbidden, result.Status);
    }

    [Fact]
    public async Task AuthorizeActivity_ChannelOutsideEndorsements_Forbidden()
    {
        var authenticator = Create();
        var caller = await authenticator.AuthenticateCallerAsync(Bearer(_authority.CreateToken()), null, default);

        var result = authenticator.AuthorizeActivity(caller, TestActivities.Message(channelId: "slack"));

        Assert.Equal(AuthenticationStatus.Forbidden, result.Status);
    }

    [Fact]
    public async Task AuthorizeActivity_ServiceUrlClaimDiffers_Unauthorized()
    {
        var authenticator = Create();
        var caller = await authenticator.AuthenticateCallerAsync(Bearer(_authority.CreateToken(new() { ServiceUrl = "https://smba.trafficmanager.net/amer/" })), null, default);

        var result = authenticator.AuthorizeActivity(caller, TestActivities.Message());

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task AuthorizeActivity_NoServiceUrlClaim_Unauthorized()
    {
        var authenticator = Create();
        var caller = await authenticator.AuthenticateCallerAsync(Bearer(_authority.CreateToken(new() { OmitServiceUrl = true })), null, default);

        var result = authenticator.AuthorizeActivity(caller, TestActivities.Message());

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task AuthorizeActivity_OtherTenant_Forbidden()
    {
        var authenticator = Create();
        var caller = await authenticator.AuthenticateCallerAsync(Bearer(_authority.CreateToken()), null, default);

        var result = authenticator.AuthorizeActivity(caller, TestActivities.Message(tenantId: "11111111-2222-3333-4444-555555555555"));

        Assert.Equal(AuthenticationStatus.Forbidden, result.Status);
    }

    [Fact]
    public async Task AuthorizeActivity_NoTenant_Forbidden()
    {
        var authenticator = Create();
        var caller = await authenticator.AuthenticateCallerAsync(Bearer(_authority.CreateToken()), null, default);

        var result = authenticator.AuthorizeActivity(caller, TestActivities.WithTenantRemoved(TestActivities.Message()));

        Assert.Equal(AuthenticationStatus.Forbidden, result.Status);
    }

    [Fact]
    public async Task AuthorizeActivity_TenantInAllowList_Allowed()
    {
        const string second = "11111111-2222-3333-4444-555555555555";
        var authenticator = Create(o => o.AllowedTenants = [TestChannelAuthority.TenantId, second]);
        var caller = await authenticator.AuthenticateCallerAsync(Bearer(_authority.CreateToken()), null, default);

        var result = authenticator.AuthorizeActivity(caller, TestActivities.Message(tenantId: second));

        Assert.Equal(AuthenticationStatus.Allowed, result.Status);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.1.2.3", false)]
    [InlineData("52.112.0.1", false)]
    public async Task AuthenticateCaller_NoAppId_OnlyLoopbackAllowed(string address, bool allowed)
    {
        var authenticator = Create(o => o.AppId = string.Empty);

        var result = await authenticator.AuthenticateCallerAsync(null, IPAddress.Parse(address), default);

        Assert.Equal(allowed ? AuthenticationStatus.Allowed : AuthenticationStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task AuthenticateCaller_NoAppIdAndNoRemoteAddress_Unauthorized()
    {
        var result = await Create(o => o.AppId = string.Empty).AuthenticateCallerAsync(null, null, default);

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task AuthenticateCaller_MetadataUnreachableAndNoKeysHeld_Unavailable()
    {
        _authority.Handler.RespondWith(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));

        var result = await Create().AuthenticateCallerAsync(Bearer(_authority.CreateToken()), null, default);

        Assert.Equal(AuthenticationStatus.Unavailable, result.Status);
    }

    private BotRequestAuthenticator Create(Action<BotOptions>? configure = null)
    {
        var options = new BotOptions
        {
            AppId = TestChannelAuthority.AppId,
            TenantId = TestChannelAuthority.TenantId,
            OpenIdMetadataUrl = TestChannelAuthority.MetadataUrl,
            Credential = BotCredentialKind.ClientSecret,
            ClientSecret = "not-used",
        };
        configure?.Invoke(options);
        var wrapped = Options.Create(options);
        var cache = new SigningKeyCache(new FixedHttpClientFactory(_authority.Handler), wrapped, _time, NullLogger<SigningKeyCache>.Instance);
        return new BotRequestAuthenticator(wrapped, cache, _time);
    }

    private static string Bearer(string token) => "Bearer " + token;
}
