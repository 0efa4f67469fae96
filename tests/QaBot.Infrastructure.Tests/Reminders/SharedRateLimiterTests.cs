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

    private static SharedRateLimiter Sender(IRateWindowStore store, FakeTimeProvider time, int share = 10, int headroom = 2) =>
        new(store, new RequestRateLimiter(50, 7, Margin, time), share, headroom, time);

    [Fact]
    public async Task TryAcquireAsync_OneSender_FortyEightInASecondFromFiveClaims()
    {
        var time = new FakeTimeProvider(Start);
        var store = new CountingStore(new InMemoryRateWindowStore());
        using var sender = Sender(store, time);

        var granted = await GrantAllAsync([sender], time);

        // The limit less the two spare, and a sixth claim that finds the second spent.
        Assert.Equal(48, granted[0]);
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

            Assert.InRange(granted.Sum(), 40, 48);
            totals = [.. totals.Zip(granted, (x, y) => x + y)];
            time.Advance(Start.AddSeconds(second + 1).AddMilliseconds(10) - time.GetUtcNow());
        }

        Assert.All(totals, t => Assert.True(t > 0));
        Assert.InRange(totals.Sum(), 200, 240);
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
    public async Task TryAcquireAsync_PlacesWhoseSlotHasPassed_AreDroppedNotUsedLate()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryRateWindowStore();
        using var sender = Sender(store, time);
        Assert.Equal(TimeSpan.Zero, await sender.TryAcquireAsync("chat-1", CancellationToken.None));

        // Places 1 to 9 are held; at 70 ms place 3's slot (62.5 to 83.3 ms) is the first still open.
        time.Advance(TimeSpan.FromMilliseconds(70));
        Assert.Equal(TimeSpan.Zero, await sender.TryAcquireAsync("chat-2", CancellationToken.None));
        Assert.Equal((TimeSpan.FromSeconds(1) / 48 * 4) - TimeSpan.FromMilliseconds(70), await sender.TryAcquireAsync("chat-3", CancellationToken.None));
    }

    [Fact]
    public async Task TryAcquireAsync_SenderStartingHalfWayThroughTheSecond_ClaimsFromThePlaceNowDueInOneClaim()
    {
        var time = new FakeTimeProvider(Start.AddMilliseconds(500));
        var store = new CountingStore(new InMemoryRateWindowStore());
        using var sender = Sender(store, time);

        Assert.Equal(TimeSpan.Zero, await sender.TryAcquireAsync("chat-1", CancellationToken.None));

        // Place 24's slot (500 to 520.8 ms) is open: the places before it, gone unclaimed, were passed over.
        Assert.Equal(1, store.Claims);
        Assert.Equal(new RateClaim(34, 10), await store.ClaimAsync(Start, 10, 48));
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
        // The late claim took places 4 to 13 of that second (those before 100 ms were passed over), and nothing since.
        Assert.Equal(new RateClaim(14, 36), await shared.ClaimAsync(Start, 50, 50));
    }

    [Fact]
    public async Task TryAcquireAsync_ConversationAtItsOwnLimit_WaitsAndItsShareGoesToOthers()
    {
        var time = new FakeTimeProvider(Start.AddMilliseconds(10));
        var store = new CountingStore(new InMemoryRateWindowStore());
        using var sender = Sender(store, time);
        var step = TimeSpan.FromMilliseconds(21);

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
        // through together: up to twice the limit in a span of one second. Spread through the second, a span holds the
        // 48 places, and one more only when a grant came late in its slot (a claim answered after its place's time):
        // the one spare place left for the network and clocks is not used up here.
        var busiest = grants.Max(g => grants.Count(h => h >= g && h < g + TimeSpan.FromSeconds(1)));
        Assert.InRange(grants.Count, 100, 120);
        Assert.InRange(busiest, 45, 49);
    }

    [Theory]
    [InlineData(2, 50)]
    [InlineData(0, 51)]
    public async Task TryAcquireAsync_RequestsLeavingLateAndArrivingUnevenly_HeadroomKeepsEverySpanOfOneSecondWithinTheLimit(int headroom, int mostInASpan)
    {
        // Three senders that ask again up to half a spacing after each wait is over (as a busy process does), and a
        // network that delays each request by up to a spacing: the arrivals spread by up to one and a half spacings.
        var time = new FakeTimeProvider(Start.AddMilliseconds(500));
        var store = new InMemoryRateWindowStore();
        var senders = Enumerable.Range(0, 3).Select(_ => Sender(store, time, share: 7, headroom)).ToList();
        var random = new Random(24);
        var spacing = TimeSpan.FromSeconds(1) / 48;
        var arrivals = new List<DateTimeOffset>();
        var conversation = 0;
        while (time.GetUtcNow() < Start.AddSeconds(6))
        {
            var soonest = TimeSpan.MaxValue;
            var any = false;
            foreach (var sender in senders)
            {
                var wait = await sender.TryAcquireAsync("chat-" + conversation++, CancellationToken.None);
                if (wait == TimeSpan.Zero)
                {
                    arrivals.Add(time.GetUtcNow() + (spacing * random.NextDouble()));
                    any = true;
                }
                else if (wait < soonest)
                {
                    soonest = wait;
                }
            }

            time.Advance(any ? TimeSpan.Zero : soonest + (spacing * random.NextDouble() / 2));
        }

        arrivals.Sort();
        var busiest = Enumerable.Range(0, arrivals.Count).Max(i => arrivals.Skip(i).TakeWhile(a => a < arrivals[i] + TimeSpan.FromSeconds(1)).Count());
        Assert.InRange(arrivals.Count, 200, 290);
        if (headroom > 0)
        {
            Assert.InRange(busiest, 40, mostInASpan);
        }
        else
        {
            // Without spare places the same place of two seconds running is exactly a second apart: any delay to the
            // first puts one request too many into the span that starts with it.
            Assert.True(busiest >= mostInASpan, $"busiest span held {busiest}");
        }
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

        public async Task<RateClaim> ClaimAsync(DateTimeOffset windowStart, int wanted, int limit, int firstUsable = 0, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _claims);
            var claimed = await inner.ClaimAsync(windowStart, wanted, limit, firstUsable, cancellationToken);
            onClaim?.Invoke();
            return claimed;
        }
    }
}
