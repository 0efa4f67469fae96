using QaBot.Application.Reminders;
using Xunit;

namespace QaBot.Testing.Contracts;

/// <summary>What every <see cref="IThrottleMarker"/> must do; a derived class supplies a fresh marker, never set, for each test.</summary>
public abstract class ThrottleMarkerContract : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    protected abstract IThrottleMarker Marker { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task GetAsync_NeverSet_IsNull() => Assert.Null(await Marker.GetAsync());

    [Fact]
    public async Task ExtendAsync_LaterThenEarlier_OnlyEverMovesLater()
    {
        await Marker.ExtendAsync(At.AddSeconds(10));
        Assert.Equal(At.AddSeconds(10), await Marker.GetAsync());

        await Marker.ExtendAsync(At.AddSeconds(5));
        Assert.Equal(At.AddSeconds(10), await Marker.GetAsync());

        await Marker.ExtendAsync(At.AddSeconds(30));
        Assert.Equal(At.AddSeconds(30), await Marker.GetAsync());
    }

    [Fact]
    public async Task ExtendAsync_ManySendersAtOnce_KeepsTheLatest()
    {
        await Task.WhenAll(Enumerable.Range(1, 5).Select(n => Marker.ExtendAsync(At.AddSeconds(n))));

        Assert.Equal(At.AddSeconds(5), await Marker.GetAsync());
    }
}
