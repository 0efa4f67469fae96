using QaBot.BotFramework.Connector;

namespace QaBot.BotFramework.Tests.Connector;

[Trait("Category", "Fast")]
public sealed class ConnectorRetryPolicyTests
{
    [Theory]
    [InlineData(412, true)]
    [InlineData(429, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(500, false)]
    [InlineData(400, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    public void IsTransient_DocumentedStatuses(int status, bool transient)
    {
        Assert.Equal(transient, ConnectorRetryPolicy.IsTransient(status));
    }

    [Fact]
    public void Backoff_GrowsAndStaysUnderTheCap()
    {
        var policy = new ConnectorRetryPolicy(new ConnectorRetryOptions { MaxAttempts = 10, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(8) }, () => 1.0);

        var delays = Enumerable.Range(1, 6).Select(policy.Backoff).ToList();

        Assert.Equal([1, 2, 4, 8, 8, 8], delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public void Backoff_JitterKeepsAtLeastHalfTheStep()
    {
        var policy = new ConnectorRetryPolicy(new ConnectorRetryOptions { BaseDelay = TimeSpan.FromSeconds(2) }, () => 0.0);

        Assert.Equal(TimeSpan.FromSeconds(1), policy.Backoff(1));
    }

    [Fact]
    public void Backoff_RealRandomness_StaysInTheBand()
    {
        var policy = new ConnectorRetryPolicy(new ConnectorRetryOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) });

        for (var i = 0; i < 200; i++)
        {
            Assert.InRange(policy.Backoff(3), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
        }
    }

    [Fact]
    public void DelayBeforeRetry_LastAttempt_Null()
    {
        var policy = new ConnectorRetryPolicy(new ConnectorRetryOptions { MaxAttempts = 3 });

        Assert.NotNull(policy.DelayBeforeRetry(2, null));
        Assert.Null(policy.DelayBeforeRetry(3, null));
    }

    [Fact]
    public void DelayBeforeRetry_RetryAfterWithinLimit_ExactlyThat()
    {
        var policy = new ConnectorRetryPolicy(new ConnectorRetryOptions { MaxRetryAfter = TimeSpan.FromSeconds(60) });

        Assert.Equal(TimeSpan.FromSeconds(60), policy.DelayBeforeRetry(1, TimeSpan.FromSeconds(60)));
        Assert.Null(policy.DelayBeforeRetry(1, TimeSpan.FromSeconds(61)));
    }

    [Fact]
    public void SingleAttempt_NeverRetries()
    {
        Assert.Null(ConnectorRetryPolicy.SingleAttempt.DelayBeforeRetry(1, TimeSpan.Zero));
    }
}
