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

        var granted = await GrantAllAsync([sender], time);

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
            var granted = await GrantAllAsync([a, b, c], time);

            Assert.InRange(granted.Sum(), 40, 50);
            totals = [.. totals.Zip(granted, (x, y) => x + y)];
            time.Advance(Start.AddSeconds(second + 1).AddMilliseconds(10) - time.GetUtcNow());
        }

        Assert.All(totals, t => Assert.True(t > 0));
        Assert.InRange(totals.Sum(), 200, 250);
    }

    [Fact]
    public async Task TryAcquireAsync_SecondAlreadySpentByOthers_WaitsForTheNextSecond()
    {
        var time = new FakeTimeProvider(Start.AddMilliseconds(300));
        var store = new InMemoryRateWindowStore();
        Assert.Equal(50, (await store.ClaimAsync(Start, 50, 50)).Count);
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
        Assert.Equal(40, (await shared.ClaimAsync(Start, 50, 50)).Count);
    }

    [Fact]
    public async Task TryAcquireAsync_ConversationAtItsOwnLimit_WaitsAndItsShareGoesToOthers()
    {
        var time = new FakeTimeProvider(Start.AddMilliseconds(10));
        var store = new CountingStore(new InMemoryRateWindowStore());
        using var sender = Sender(store, time);
        var step = TimeSpan.FromMilliseconds(20);

        for (var i = 0; i < 7; i++)
        {
            Assert.True(await GrantedWithinAsync(sender, time, "chat-1", step));
        }

        Assert.False(await GrantedWithinAsync(sender, time, "chat-1", step));
        Assert.True(await GrantedWithinAsync(sender, time, "chat-2", step));
        Assert.True(await GrantedWithinAsync(sender, time, "chat-3", step));
        Assert.True(await GrantedWithinAsync(sender, time, "chat-4", step));
        Assert.Equal(1, store.Claims);
        Assert.True(await GrantedWithinAsync(sender, time, "chat-5", step));
        Assert.Equal(2, store.Claims);
    }

    [Fact]
    public async Task TryAcquireAsync_ThreeSendersStartingMidSecond_NoSpanOfOneSecondWhereverItStartsHoldsMoreThanTheLimit()
    {
        var time = new FakeTimeProvider(Start.AddMilliseconds(500));
        var store = new InMemoryRateWindowStore();
        using var a = Sender(store, time, share: 7);
        using var b = Sender(store, time, share: 7);
        using var c = Sender(store, time, share: 7);
        var grants = new List<DateTimeOffset>();
        var conversation = 0;
        while (time.GetUtcNow() < Start.AddSeconds(3))
        {
            var soonest = TimeSpan.MaxValue;
            var any = false;
            foreach (var sender in new[] { a, b, c })
            {
                var wait = await sender.TryAcquireAsync("chat-" + conversation++, CancellationToken.None);
                if (wait == TimeSpan.Zero)
                {
                    grants.Add(time.GetUtcNow());
                    any = true;
                }
                else if (wait < soonest)
                {
                    soonest = wait;
                }
            }

            // Every sender always has work: each asks again at once after a grant, or when its wait is over.
            time.Advance(any ? TimeSpan.Zero : soonest);
        }

        // Granted as soon as asked, a fixed-window budget lets the second half of one second and the start of the next
        // through together: up to twice the limit in a span of one second.
        var busiest = grants.Max(g => grants.Count(h => h >= g && h < g + TimeSpan.FromSeconds(1)));
        Assert.InRange(grants.Count, 100, 125);
        Assert.InRange(busiest, 45, 51);
    }

    /// <summary>Asks for the conversation, moving the clock on by each wait while the waits add up to no more than <paramref name="within"/>.</summary>
    private static async Task<bool> GrantedWithinAsync(SharedRateLimiter sender, FakeTimeProvider time, string conversation, TimeSpan within)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            var wait = await sender.TryAcquireAsync(conversation, CancellationToken.None);
            if (wait == TimeSpan.Zero)
            {
                return true;
            }

            if (waited + wait > within)
            {
                return false;
            }

            time.Advance(wait);
            waited += wait;
        }
    }

    /// <summary>
    /// Asks each sender in turn, each for a new conversation, moving the clock on to the next request's place in the
    /// second, until none is granted any more in this second; returns each one's grants.
    /// </summary>
    private static async Task<int[]> GrantAllAsync(IReadOnlyList<SharedRateLimiter> senders, FakeTimeProvider time)
    {
        var second = BudgetWindows.Containing(time.GetUtcNow());
        var granted = new int[senders.Count];
        var conversation = 0;
        while (true)
        {
            var any = false;
            var soonest = TimeSpan.MaxValue;
            for (var i = 0; i < senders.Count; i++)
            {
                var wait = await senders[i].TryAcquireAsync("chat-" + conversation++, CancellationToken.None);
                if (wait == TimeSpan.Zero)
                {
                    granted[i]++;
                    any = true;
                }
                else if (wait < soonest)
                {
                    soonest = wait;
                }
            }

            if (any)
            {
                continue;
            }

            if (soonest == TimeSpan.MaxValue || time.GetUtcNow() + soonest >= second + TimeSpan.FromSeconds(1))
            {
                return granted;
            }

            time.Advance(soonest);
        }
    }

    private sealed class CountingStore(IRateWindowStore inner, Action? onClaim = null) : IRateWindowStore
    {
        private int _claims;

        public int Claims => Volatile.Read(ref _claims);

        public async Task<RateClaim> ClaimAsync(DateTimeOffset windowStart, int wanted, int limit, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _claims);
            var claimed = await inner.ClaimAsync(windowStart, wanted, limit, cancellationToken);
            onClaim?.Invoke();
            return claimed;
        }
    }
}
