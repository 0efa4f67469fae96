using QaBot.Application.Reminders;

namespace QaBot.Testing.InMemory;

/// <summary><see cref="IRateWindowStore"/> in memory, with the table store's semantics: a ring of 60 windows.</summary>
public sealed class InMemoryRateWindowStore : IRateWindowStore
{
    private readonly Lock _gate = new();
    private readonly (long Window, int Claimed)[] _ring = new (long, int)[60];

    public Task<RateClaim> ClaimAsync(DateTimeOffset windowStart, int wanted, int limit, int firstUsable = 0, CancellationToken cancellationToken = default)
    {
        var window = BudgetWindows.Second(windowStart);
        ArgumentOutOfRangeException.ThrowIfLessThan(wanted, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(firstUsable);
        lock (_gate)
        {
            ref var slot = ref _ring[window % 60];
            if (slot.Window > window)
            {
                return Task.FromResult(RateClaim.None);
            }

            var claimed = Math.Max(slot.Window == window ? slot.Claimed : 0, firstUsable);
            var granted = Math.Max(0, Math.Min(wanted, limit - claimed));
            if (granted == 0)
            {
                return Task.FromResult(RateClaim.None);
            }

            slot = (window, claimed + granted);
            return Task.FromResult(granted == 0 ? RateClaim.None : new RateClaim(claimed, granted));
        }
    }
}
