using QaBot.Application.Reminders;
using Xunit;

namespace QaBot.Testing.Contracts;

/// <summary>What every <see cref="IRateWindowStore"/> must do; a derived class supplies a fresh, empty store for each test.</summary>
public abstract class RateWindowStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Window = new(2026, 12, 4, 9, 0, 7, TimeSpan.Zero);

    protected abstract IRateWindowStore Store { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ClaimAsync_UpToTheLimit_ThenWhatIsLeftThenNothing()
    {
        Assert.Equal(20, (await Store.ClaimAsync(Window, 20, 50)).Count);
        Assert.Equal(20, (await Store.ClaimAsync(Window, 20, 50)).Count);
        Assert.Equal(10, (await Store.ClaimAsync(Window, 20, 50)).Count);
        Assert.Equal(0, (await Store.ClaimAsync(Window, 20, 50)).Count);
    }

    [Fact]
    public async Task ClaimAsync_PartOfTheWayThroughTheSecond_PassesOverThePlacesNobodyClaimed()
    {
        Assert.Equal(new RateClaim(0, 5), await Store.ClaimAsync(Window, 5, 50));
        Assert.Equal(new RateClaim(20, 10), await Store.ClaimAsync(Window, 10, 50, firstUsable: 20));

        // The places passed over are spent; a claim from an earlier place takes the next after the last claimed.
        Assert.Equal(new RateClaim(30, 10), await Store.ClaimAsync(Window, 10, 50, firstUsable: 3));
        Assert.Equal(RateClaim.None, await Store.ClaimAsync(Window, 10, 50, firstUsable: 50));
        Assert.Equal(new RateClaim(40, 10), await Store.ClaimAsync(Window, 20, 50));
    }

    [Fact]
    public async Task ClaimAsync_OneAfterAnother_TakeConsecutivePlacesInTheSecond()
    {
        Assert.Equal(new RateClaim(0, 20), await Store.ClaimAsync(Window, 20, 50));
        Assert.Equal(new RateClaim(20, 20), await Store.ClaimAsync(Window, 20, 50));
        Assert.Equal(new RateClaim(40, 10), await Store.ClaimAsync(Window, 20, 50));
        Assert.Equal(RateClaim.None, await Store.ClaimAsync(Window, 20, 50));
    }

    [Fact]
    public async Task ClaimAsync_NextSecond_HasItsOwnBudget()
    {
        Assert.Equal(50, (await Store.ClaimAsync(Window, 50, 50)).Count);

        Assert.Equal(50, (await Store.ClaimAsync(Window.AddSeconds(1), 50, 50)).Count);
        Assert.Equal(0, (await Store.ClaimAsync(Window, 1, 50)).Count);
    }

    [Fact]
    public async Task ClaimAsync_SameSecondOfTheNextMinute_StartsFromNothing()
    {
        Assert.Equal(50, (await Store.ClaimAsync(Window, 50, 50)).Count);

        Assert.Equal(50, (await Store.ClaimAsync(Window.AddMinutes(1), 50, 50)).Count);
    }

    [Fact]
    public async Task ClaimAsync_WindowAlreadyReplacedByALaterOne_ClaimsNothing()
    {
        Assert.Equal(5, (await Store.ClaimAsync(Window.AddMinutes(1), 5, 50)).Count);

        Assert.Equal(0, (await Store.ClaimAsync(Window, 5, 50)).Count);
        Assert.Equal(45, (await Store.ClaimAsync(Window.AddMinutes(1), 50, 50)).Count);
    }

    [Fact]
    public async Task ClaimAsync_ManySendersAtOnce_TogetherNeverOverTheLimit()
    {
        var claims = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Store.ClaimAsync(Window, 10, 50)));

        Assert.InRange(claims.Sum(c => c.Count), 10, 50);
        var left = await Store.ClaimAsync(Window, 50, 50);
        Assert.Equal(50, claims.Sum(c => c.Count) + left.Count);
        Assert.Equal(Enumerable.Range(0, 50), claims.Append(left).Where(c => c.Count > 0).SelectMany(c => Enumerable.Range(c.First, c.Count)).Order());
    }

    [Fact]
    public async Task ClaimAsync_NotAWholeSecond_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ClaimAsync(Window.AddMilliseconds(250), 1, 50));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ClaimAsync(Window, 0, 50));
    }
}
