using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Reminders;
using QaBot.Infrastructure.Reminders;
using QaBot.Testing.InMemory;

namespace QaBot.Infrastructure.Tests.Reminders;

/// <summary>
/// Several senders sharing the app-wide rate through the store, on a clock the test moves: the limit holds for all of
/// them together in every second, and anything late or uncertain makes them slower, never faster.
/// </summary>
[Trait("Category", "Fast")]
public sealed class SharedRateLimiterTests
{
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(50);
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    private static SharedRateLimiter Sender(IRateWindowStore store, FakeTimeProvider time, int share = 10) =>
        new(store, new RequestRateLimiter(50, 7, Margin, time), share, Margin, time);

    [Fact]
    public async Task TryAcquireAsync_OneSender_FiftyInASecondFromFiveClaims()
    {
        var time = new FakeTimeProvider(Start.AddMilliseconds(10));
        var store = new CountingStore(new InMemoryRateWindowStore());
        using var sender = Sender(store, time);

        var granted = await GrantAllAsync([sender]);

        Assert.Equal(50, granted[0]);
        Assert.Equal(6, store.Claims);
    }

    [Fact]
    public async Task TryAcquireAsync_ThreeSendersOverFiveSeconds_TogetherNeverOverTheLimitAndEachSends()
    {
        var time = new FakeTimeProvider(Start.AddMilliseconds(10));
        var store = new InMemoryRateWindowStore();
        using var a = Sender(store, time);
        using var b = Sender(store, time);
        using var c = Sender(store, time);
        var totals = new int[3];

        for (var second = 0; second < 5; second++)
        {
            var granted = await GrantAllAsync([a, b, c]);

            Assert.InRange(granted.Sum(), 40, 50);
            totals = [.. totals.Zip(granted, (x, y) => x + y)];
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.All(totals, t => Assert.True(t > 0));
        Assert.InRange(totals.Sum(), 200, 250);
    }

    [Fact]
    public async Task TryAcquireAsync_SecondAlreadySpentByOthers_WaitsForTheNextSecond()
    {
        var time = new FakeTimeProvider(Start.AddMilliseconds(300));
        var store = new InMemoryRateWindowStore();
        Assert.Equal(50, await store.ClaimAsync(Start, 50, 50));
        using var sender = Sender(store, time);

        Assert.Equal(TimeSpan.FromMilliseconds(700), await sender.TryAcquireAsync("chat-1", CancellationToken.None));
        time.Advance(TimeSpan.FromMilliseconds(700));
        Assert.Equal(TimeSpan.Zero, await sender.TryAcquireAsync("chat-1", CancellationToken.None));
    }

    [Fact]
    public async Task TryAcquireAsync_LastMarginOfASecond_GrantsNothingAndClaimsNothing()
    {
        var time = new FakeTimeProvider(Start.AddMilliseconds(960));
        var store = new CountingStore(new InMemoryRateWindowStore());
        using var sender = Sender(store, time);

        Assert.Equal(TimeSpan.FromMilliseconds(40), await sender.TryAcquireAsync("chat-1", CancellationToken.None));
        Assert.Equal(0, store.Claims);
    }

    [Fact]
    public async Task TryAcquireAsync_ClaimAnsweredAfterItsSecond_IsDroppedAndTheNextSecondClaimedAfresh()
    {
        var time = new FakeTimeProvider(Start.AddMilliseconds(100));
        var slow = true;
        var shared = new InMemoryRateWindowStore();
        var store = new CountingStore(shared, onClaim: () =>
        {
            if (slow)
            {
                slow = false;
                time.Advance(TimeSpan.FromMilliseconds(900));
            }
        });
        using var sender = Sender(store, time);

        Assert.Equal(TimeSpan.Zero, await sender.TryAcquireAsync("chat-1", CancellationToken.None));

        // The grant came from a claim on the second it was made in, not the one claimed too late.
        Assert.Equal(2, store.Claims);
        Assert.Equal(Start.AddSeconds(1), time.GetUtcNow());
        Assert.Equal(40, await shared.ClaimAsync(Start, 50, 50));
    }

    [Fact]
    public async Task TryAcquireAsync_ConversationAtItsOwnLimit_WaitsAndItsShareGoesToOthers()
    {
        var time = new FakeTimeProvider(Start.AddMilliseconds(10));
        var store = new CountingStore(new InMemoryRateWindowStore());
        using var sender = Sender(store, time);

        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(TimeSpan.Zero, await sender.TryAcquireAsync("chat-1", CancellationToken.None));
        }

        Assert.True(await sender.TryAcquireAsync("chat-1", CancellationToken.None) > TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, await sender.TryAcquireAsync("chat-2", CancellationToken.None));
        Assert.Equal(TimeSpan.Zero, await sender.TryAcquireAsync("chat-3", CancellationToken.None));
        Assert.Equal(TimeSpan.Zero, await sender.TryAcquireAsync("chat-4", CancellationToken.None));
        Assert.Equal(1, store.Claims);
        Assert.Equal(TimeSpan.Zero, await sender.TryAcquireAsync("chat-5", CancellationToken.None));
        Assert.Equal(2, store.Claims);
    }

    /// <summary>Asks each sender in turn, each for a new conversation, until none is granted any more; returns each one's grants.</summary>
    private static async Task<int[]> GrantAllAsync(IReadOnlyList<SharedRateLimiter> senders)
    {
        var granted = new int[senders.Count];
        var conversation = 0;
        var stillGranting = true;
        while (stillGranting)
        {
            stillGranting = false;
            for (var i = 0; i < senders.Count; i++)
            {
                if (await senders[i].TryAcquireAsync("chat-" + conversation++, CancellationToken.None) == TimeSpan.Zero)
                {
                    granted[i]++;
                    stillGranting = true;
                }
            }
        }

        return granted;
    }

    private sealed class CountingStore(IRateWindowStore inner, Action? onClaim = null) : IRateWindowStore
    {
        private int _claims;

        public int Claims => Volatile.Read(ref _claims);

        public async Task<int> ClaimAsync(DateTimeOffset windowStart, int wanted, int limit, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _claims);
            var claimed = await inner.ClaimAsync(windowStart, wanted, limit, cancellationToken);
            onClaim?.Invoke();
            return claimed;
        }
    }
}
