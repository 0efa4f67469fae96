using Microsoft.Extensions.Time.Testing;
using QaBot.Infrastructure.Reminders;
using QaBot.Testing.Connector;

namespace QaBot.Infrastructure.Tests.Reminders;

/// <summary>
/// The limiter's grants on a clock the test moves, so the limits are checked exactly, whatever the machine is doing.
/// </summary>
[Trait("Category", "Fast")]
public sealed class RequestRateLimiterTests
{
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(50);

    [Fact]
    public void TryAcquire_FiftyInOneInstant_FiftyFirstWaitsForTheWindow()
    {
        var time = new FakeTimeProvider();
        var limiter = new RequestRateLimiter(50, 7, Margin, time);

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("chat-" + i));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(1050), limiter.TryAcquire("chat-50"));
        time.Advance(TimeSpan.FromMilliseconds(1049));
        Assert.Equal(TimeSpan.FromMilliseconds(1), limiter.TryAcquire("chat-50"));
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("chat-50"));
    }

    [Fact]
    public void TryAcquire_EighthToOneConversation_WaitsWhileOthersGoThrough()
    {
        var time = new FakeTimeProvider();
        var limiter = new RequestRateLimiter(50, 7, Margin, time);

        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("busy"));
        }

        Assert.True(limiter.TryAcquire("busy") > TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("quiet"));
    }

    [Fact]
    public void TryAcquire_StartQuiet_GrantsNothingInTheFirstWindow()
    {
        var time = new FakeTimeProvider();
        var limiter = new RequestRateLimiter(50, 7, Margin, time, startQuiet: true);

        Assert.Equal(TimeSpan.FromMilliseconds(1050), limiter.TryAcquire("chat"));
        time.Advance(TimeSpan.FromMilliseconds(1050));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("chat"));
    }

    [Fact]
    public void TryAcquire_SteadyDemandOverTenSeconds_NoWindowHoldsMoreThanTheLimits()
    {
        var time = new FakeTimeProvider();
        var limiter = new RequestRateLimiter(50, 7, Margin, time);
        var start = time.GetUtcNow();
        var grants = new List<ConnectorRequest>();

        // Every millisecond, 3 requests ask: one to a chat of its own and two to five busy chats in turn.
        var turn = 0;
        while (time.GetUtcNow() - start < TimeSpan.FromSeconds(10))
        {
            foreach (var conversation in new[] { "own-" + turn, "busy-" + (turn % 5), "busy-" + ((turn + 2) % 5) })
            {
                if (limiter.TryAcquire(conversation) == TimeSpan.Zero)
                {
                    grants.Add(new ConnectorRequest(time.GetUtcNow() - start, "POST", "/v3/conversations/" + conversation + "/activities", conversation, null, 200));
                }
            }

            turn++;
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(50, RateWindows.MaxInAnyWindow(grants.Select(g => g.At), TimeSpan.FromSeconds(1)));
        Assert.Equal(7, RateWindows.MaxPerConversation(grants, TimeSpan.FromSeconds(1)));

        // The limit is used, not merely respected: ten seconds give at least nine windows' worth.
        Assert.InRange(grants.Count, 9 * 50, 10 * 50);
    }
}
