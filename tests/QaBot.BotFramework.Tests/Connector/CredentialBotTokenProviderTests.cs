using Azure.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using QaBot.BotFramework.Connector;

namespace QaBot.BotFramework.Tests.Connector;

[Trait("Category", "Fast")]
public sealed class CredentialBotTokenProviderTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task GetTokenAsync_WithinLifetime_CachedAndScopeRequested()
    {
        var credential = new CountingCredential(_time, TimeSpan.FromHours(1));
        using var provider = Create(credential);

        var first = await provider.GetTokenAsync(default);
        _time.Advance(TimeSpan.FromMinutes(50));
        var second = await provider.GetTokenAsync(default);

        Assert.Equal(first, second);
        Assert.Equal(1, credential.Calls);
        Assert.Equal(["https://api.botframework.com/.default"], credential.LastScopes);
    }

    [Fact]
    public async Task GetTokenAsync_FiveMinutesBeforeExpiry_RefreshedEarly()
    {
        var credential = new CountingCredential(_time, TimeSpan.FromHours(1));
        using var provider = Create(credential);

        var first = await provider.GetTokenAsync(default);
        _time.Advance(TimeSpan.FromMinutes(55));
        var second = await provider.GetTokenAsync(default);

        Assert.NotEqual(first, second);
        Assert.Equal(2, credential.Calls);
    }

    [Fact]
    public async Task GetTokenAsync_CredentialSuggestsEarlierRefresh_Honoured()
    {
        var credential = new CountingCredential(_time, TimeSpan.FromHours(1), refreshAfter: TimeSpan.FromMinutes(30));
        using var provider = Create(credential);

        await provider.GetTokenAsync(default);
        _time.Advance(TimeSpan.FromMinutes(31));
        await provider.GetTokenAsync(default);

        Assert.Equal(2, credential.Calls);
    }

    [Fact]
    public async Task GetTokenAsync_RefreshFailsWhileTokenStillValid_KeepsCurrentToken()
    {
        var credential = new CountingCredential(_time, TimeSpan.FromHours(1));
        using var provider = Create(credential);
        var first = await provider.GetTokenAsync(default);

        credential.Fail = true;
        _time.Advance(TimeSpan.FromMinutes(57));

        Assert.Equal(first, await provider.GetTokenAsync(default));
    }

    [Fact]
    public async Task GetTokenAsync_RefreshFailsAfterExpiry_Throws()
    {
        var credential = new CountingCredential(_time, TimeSpan.FromHours(1));
        using var provider = Create(credential);
        await provider.GetTokenAsync(default);

        credential.Fail = true;
        _time.Advance(TimeSpan.FromMinutes(61));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await provider.GetTokenAsync(default));
    }

    [Fact]
    public async Task GetTokenAsync_ManyConcurrentCallers_OneCredentialCall()
    {
        var credential = new CountingCredential(_time, TimeSpan.FromHours(1), delay: TimeSpan.FromMilliseconds(50));
        using var provider = Create(credential);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => provider.GetTokenAsync(default).AsTask()));

        Assert.Equal(1, credential.Calls);
    }

    private CredentialBotTokenProvider Create(TokenCredential credential) =>
        new(credential, "https://api.botframework.com/.default", _time, NullLogger<CredentialBotTokenProvider>.Instance);

    private sealed class CountingCredential(TimeProvider time, TimeSpan lifetime, TimeSpan? refreshAfter = null, TimeSpan? delay = null) : TokenCredential
    {
        private int _calls;

        public int Calls => _calls;

        public bool Fail { get; set; }

        public IReadOnlyList<string> LastScopes { get; private set; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            if (delay is { } wait)
            {
                await Task.Delay(wait, cancellationToken);
            }

            if (Fail)
            {
                throw new InvalidOperationException("The token service is down.");
            }

            var call = Interlocked.Increment(ref _calls);
            LastScopes = requestContext.Scopes;
            var now = time.GetUtcNow();
            return new AccessToken($"token-{call}", now + lifetime, refreshAfter is { } r ? now + r : null);
        }
    }
}
