using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QaBot.BotFramework.Authentication;
using QaBot.Testing.BotFramework;
using QaBot.Testing.Http;

namespace QaBot.BotFramework.Tests.Authentication;

[Trait("Category", "Fast")]
public sealed class SigningKeyCacheTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private readonly TestChannelAuthority _authority;

    public SigningKeyCacheTests()
    {
        _authority = new TestChannelAuthority(_time);
    }

    public void Dispose() => _authority.Dispose();

    [Fact]
    public async Task FindAsync_KnownKey_ReturnsItWithEndorsements()
    {
        var cache = Create();

        var key = await cache.FindAsync("key-endorsed", default);

        Assert.NotNull(key);
        Assert.Contains("msteams", key.Endorsements);
        Assert.Equal(2, _authority.Handler.Requests.Count);
    }

    [Fact]
    public async Task FindAsync_RepeatedWithinRefreshInterval_FetchesOnce()
    {
        var cache = Create();

        for (var i = 0; i < 5; i++)
        {
            await cache.FindAsync("key-endorsed", default);
            _time.Advance(TimeSpan.FromHours(2));
        }

        Assert.Equal(1, _authority.MetadataFetches);
    }

    [Fact]
    public async Task FindAsync_AfterRefreshIntervalAndItsSpread_FetchesAgain()
    {
        var cache = Create();
        await cache.FindAsync("key-endorsed", default);

        // The library spreads refreshes over up to a twentieth of the interval after it.
        _time.Advance(TimeSpan.FromHours(12) * 1.05 + TimeSpan.FromSeconds(1));
        await cache.FindAsync("key-endorsed", default);

        Assert.Equal(2, _authority.MetadataFetches);
    }

    [Fact]
    public async Task FindAsync_JustBeforeRefreshInterval_DoesNotFetchAgain()
    {
        var cache = Create();
        await cache.FindAsync("key-endorsed", default);

        _time.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));
        await cache.FindAsync("key-endorsed", default);

        Assert.Equal(1, _authority.MetadataFetches);
    }

    [Fact]
    public async Task FindAsync_UnknownKeyIdSoonAfterTheFirstFetch_DoesNotRefetch()
    {
        var cache = Create();
        await cache.FindAsync("key-endorsed", default);
        _time.Advance(TimeSpan.FromMinutes(4));

        Assert.Null(await cache.FindAsync("made-up", default));
        Assert.Equal(1, _authority.MetadataFetches);
    }

    [Fact]
    public async Task FindAsync_KeyWithoutEndorsements_ReturnsItWithNone()
    {
        var cache = Create();

        var key = await cache.FindAsync("key-not-endorsed", default);

        Assert.NotNull(key);
        Assert.Empty(key.Endorsements);
    }

    [Fact]
    public async Task FindAsync_KeyRotatedIn_RefetchesOnUnknownKeyIdAndFindsIt()
    {
        var cache = Create();
        await cache.FindAsync("key-endorsed", default);
        _time.Advance(TimeSpan.FromMinutes(6));

        _authority.AddKey("key-rotated-in", "msteams");
        var key = await cache.FindAsync("key-rotated-in", default);

        Assert.NotNull(key);
        Assert.Equal(2, _authority.MetadataFetches);
    }

    [Fact]
    public async Task FindAsync_ManyUnknownKeyIdsInAFewMinutes_RefetchesAtMostOnce()
    {
        var cache = Create();
        await cache.FindAsync("key-endorsed", default);
        _time.Advance(TimeSpan.FromMinutes(6));

        for (var i = 0; i < 20; i++)
        {
            Assert.Null(await cache.FindAsync($"made-up-{i}", default));
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(2, _authority.MetadataFetches);
    }

    [Fact]
    public async Task FindAsync_RefreshFails_KeepsTheKeysAlreadyHeld()
    {
        var cache = Create();
        await cache.FindAsync("key-endorsed", default);
        _authority.Handler.RespondWith(_ => new HttpResponseMessage(HttpStatusCode.InternalServerError));

        _time.Advance(TimeSpan.FromHours(13));
        var key = await cache.FindAsync("key-endorsed", default);

        Assert.NotNull(key);
    }

    [Fact]
    public async Task FindAsync_NothingFetchedYetAndMetadataDown_Throws()
    {
        var cache = Create();
        _authority.Handler.RespondWith(_ => new HttpResponseMessage(HttpStatusCode.InternalServerError));

        await Assert.ThrowsAsync<SigningKeysUnavailableException>(() => cache.FindAsync("key-endorsed", default));
    }

    [Fact]
    public async Task FindAsync_MetadataBackAfterAFailedFirstFetch_FetchedAgainOnceTheGapHasPassed()
    {
        var cache = Create();
        _authority.Failing = true;
        await Assert.ThrowsAsync<SigningKeysUnavailableException>(() => cache.FindAsync("key-endorsed", default));

        _authority.Failing = false;
        _time.Advance(TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<SigningKeysUnavailableException>(() => cache.FindAsync("key-endorsed", default));
        Assert.Equal(1, _authority.MetadataFetches);

        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.NotNull(await cache.FindAsync("key-endorsed", default));
        Assert.Equal(2, _authority.MetadataFetches);
    }

    [Fact]
    public async Task FindAsync_RefreshFailed_TriedAgainOnceTheGapHasPassed()
    {
        var cache = Create();
        await cache.FindAsync("key-endorsed", default);

        _authority.Failing = true;
        _time.Advance(TimeSpan.FromHours(13));
        Assert.NotNull(await cache.FindAsync("key-endorsed", default));
        _authority.Failing = false;
        _authority.AddKey("key-after-outage", "msteams");
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await cache.FindAsync("key-after-outage", default));

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.NotNull(await cache.FindAsync("key-after-outage", default));
        Assert.Equal(3, _authority.MetadataFetches);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FindAsync_ThousandRandomKeyIdsOverTenMinutesFromAnEmptyCache_AtMostThreeFetches(bool failing)
    {
        var cache = Create();
        _authority.Failing = failing;

        await SendRandomKeyIdsAsync(cache, 1000, TimeSpan.FromMinutes(10));

        Assert.InRange(_authority.MetadataFetches, 1, 3);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FindAsync_ThousandRandomKeyIdsOverTenMinutesWithAStaleCache_AtMostThreeFetchesAndHeldKeysServed(bool failing)
    {
        var cache = Create();
        await cache.FindAsync("key-endorsed", default);
        _time.Advance(TimeSpan.FromHours(13));
        _authority.Failing = failing;

        await SendRandomKeyIdsAsync(cache, 1000, TimeSpan.FromMinutes(10));

        Assert.InRange(_authority.MetadataFetches - 1, 1, 3);
        Assert.NotNull(await cache.FindAsync("key-endorsed", default));
    }

    [Fact]
    public async Task FindAsync_ManyAtOnceOnAnEmptyCache_OneFetchShared()
    {
        var cache = Create();

        var keys = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => cache.FindAsync(i % 2 == 0 ? "key-endorsed" : $"made-up-{i}", default)));

        Assert.Equal(1, _authority.MetadataFetches);
        Assert.Equal(100, keys.Count(k => k is not null));
    }

    [Fact]
    public async Task FindAsync_MetadataKeepsFailing_GapDoublesAfterEachFailure()
    {
        var cache = Create();
        _authority.Failing = true;
        var fetchedAt = new List<TimeSpan>();
        var start = _time.GetUtcNow();

        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromMinutes(40); elapsed += TimeSpan.FromSeconds(30))
        {
            var before = _authority.MetadataFetches;
            await Assert.ThrowsAsync<SigningKeysUnavailableException>(() => cache.FindAsync("key-endorsed", default));
            if (_authority.MetadataFetches > before)
            {
                fetchedAt.Add(_time.GetUtcNow() - start);
            }

            _time.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(35)], fetchedAt);
    }

    [Fact]
    public async Task FindAsync_CallerGivesUpWhileTheFetchRuns_FetchFinishesAndKeysAreHeld()
    {
        using var gate = new GatedHandler(_authority.Handler);
        var cache = Create(gate);
        using var caller = new CancellationTokenSource();

        var waiting = cache.FindAsync("key-endorsed", caller.Token);
        await caller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        gate.Open();

        // The next request joins the fetch still running, or finds the keys it brought; either way no fetch of its own.
        var key = await cache.FindAsync("key-endorsed", default);

        Assert.NotNull(key);
        Assert.Equal(1, _authority.MetadataFetches);
    }

    private async Task SendRandomKeyIdsAsync(SigningKeyCache cache, int count, TimeSpan over)
    {
        var step = over / count;
        for (var i = 0; i < count; i++)
        {
            try
            {
                await cache.FindAsync(Guid.NewGuid().ToString("N"), default);
            }
            catch (SigningKeysUnavailableException)
            {
            }

            _time.Advance(step);
        }
    }

    [Fact]
    public async Task FindAsync_MetadataWithoutKeySetUrl_Unavailable()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(HttpStatusCode.OK, """{"issuer":"https://api.botframework.com"}"""));
        var cache = Create(handler);

        await Assert.ThrowsAsync<SigningKeysUnavailableException>(() => cache.FindAsync("key-endorsed", default));
    }

    [Fact]
    public async Task FindAsync_KeySetUrlIsPlainHttpOnARemoteHost_RefusesToUseIt()
    {
        var handler = new FakeHttpHandler(r => r.Uri.AbsoluteUri == TestChannelAuthority.MetadataUrl
            ? FakeHttpHandler.Json(HttpStatusCode.OK, """{"issuer":"https://api.botframework.com","jwks_uri":"http://login.botframework.test/keys"}""")
            : new HttpResponseMessage(HttpStatusCode.NotFound));
        var cache = Create(handler);

        await Assert.ThrowsAsync<SigningKeysUnavailableException>(() => cache.FindAsync("key-endorsed", default));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task FindAsync_PlainHttpMetadataOnLoopback_IsFetched()
    {
        var handler = new FakeHttpHandler(r => r.Uri.AbsolutePath.EndsWith("openidconfiguration", StringComparison.Ordinal)
            ? FakeHttpHandler.Json(HttpStatusCode.OK, """{"issuer":"https://api.botframework.com","jwks_uri":"http://127.0.0.1:5999/keys"}""")
            : FakeHttpHandler.Json(HttpStatusCode.OK, """{"keys":[]}"""));
        var cache = Create(handler, "http://localhost:5999/openidconfiguration");

        Assert.Null(await cache.FindAsync("key-endorsed", default));
        Assert.Equal("http://127.0.0.1:5999/keys", handler.Requests[1].Uri.AbsoluteUri);
    }

    private SigningKeyCache Create(HttpMessageHandler? handler = null, string metadataUrl = TestChannelAuthority.MetadataUrl)
    {
        var options = Options.Create(new BotOptions { AppId = TestChannelAuthority.AppId, OpenIdMetadataUrl = metadataUrl });
        return new SigningKeyCache(new FixedHttpClientFactory(handler ?? _authority.Handler), options, _time, NullLogger<SigningKeyCache>.Instance);
    }

    /// <summary>Holds every request until opened, then passes it on.</summary>
    private sealed class GatedHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _open.TrySetResult();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await _open.Task.WaitAsync(cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
