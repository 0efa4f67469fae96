using QaBot.Application.Reminders;

namespace QaBot.Testing.InMemory;

/// <summary><see cref="IThrottleMarker"/> in memory: one instant, only ever moved later.</summary>
public sealed class InMemoryThrottleMarker : IThrottleMarker
{
    private readonly object _gate = new();
    private DateTimeOffset? _until;

    public Task<DateTimeOffset?> GetAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_until);
        }
    }

    public Task ExtendAsync(DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_until is not { } current || current < until)
            {
                _until = until;
            }
        }

        return Task.CompletedTask;
    }
}
