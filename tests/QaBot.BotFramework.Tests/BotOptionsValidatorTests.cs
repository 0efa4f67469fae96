using QaBot.Testing.BotFramework;

namespace QaBot.BotFramework.Tests;

[Trait("Category", "Fast")]
public sealed class BotOptionsValidatorTests
{
    [Fact]
    public void Validate_LocalDevelopmentDefaults_Succeeds()
    {
        var result = new BotOptionsValidator().Validate(null, new BotOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_ProductionWithClientSecret_Succeeds()
    {
        var result = new BotOptionsValidator().Validate(null, Production());

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal([TestChannelAuthority.TenantId], Production().EffectiveAllowedTenants);
        Assert.Equal([BotOptions.BotFrameworkIssuer], Production().EffectiveIssuers);
    }

    [Theory]
    [InlineData("http://login.botframework.com/v1/.well-known/openidconfiguration", "Bot:OpenIdMetadataUrl")]
    [InlineData("not a url", "Bot:OpenIdMetadataUrl")]
    public void Validate_InsecureMetadataUrl_NamesTheKey(string url, string key)
    {
        var options = Production();
        options.OpenIdMetadataUrl = url;

        var result = new BotOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LoopbackHttpMetadataUrl_Succeeds()
    {
        var options = Production();
        options.OpenIdMetadataUrl = "http://127.0.0.1:5000/.well-known/openidconfiguration";

        Assert.True(new BotOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_AppIdWithoutTenant_Fails()
    {
        var options = Production();
        options.TenantId = string.Empty;

        var result = new BotOptionsValidator().Validate(null, options);

        Assert.Contains("Bot:TenantId", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AppIdWithoutCredential_Fails()
    {
        var options = Production();
        options.Credential = BotCredentialKind.None;

        Assert.Contains("Bot:Credential", new BotOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ClientSecretMissing_Fails()
    {
        var options = Production();
        options.ClientSecret = null;

        Assert.Contains("Bot:ClientSecret", new BotOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyRefreshLongerThanADay_Fails()
    {
        var options = Production();
        options.SigningKeyRefreshInterval = TimeSpan.FromHours(25);

        Assert.Contains("Bot:SigningKeyRefreshInterval", new BotOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyRefreshShorterThanFiveMinutes_Fails()
    {
        var options = Production();
        options.SigningKeyRefreshInterval = TimeSpan.FromMinutes(4);

        Assert.Contains("at least 00:05:00", new BotOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CredentialWithoutAppId_Fails()
    {
        var options = new BotOptions { Credential = BotCredentialKind.ManagedIdentity };

        Assert.Contains("Bot:AppId", new BotOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZeroAttempts_Fails()
    {
        var options = Production();
        options.Retry.MaxAttempts = 0;

        Assert.Contains("Bot:Retry:MaxAttempts", new BotOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:10")]
    [InlineData("13:00:00")]
    public void Validate_MinimumRefetchIntervalOutOfRange_NamesTheKey(string interval)
    {
        var options = Production();
        options.SigningKeyMinimumRefetchInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains("Bot:SigningKeyMinimumRefetchInterval", new BotOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    private static BotOptions Production() => new()
    {
        AppId = TestChannelAuthority.AppId,
        TenantId = TestChannelAuthority.TenantId,
        Credential = BotCredentialKind.ClientSecret,
        ClientSecret = "from-key-vault",
    };
}
