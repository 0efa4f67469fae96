using System.Globalization;

namespace QaBot.Testing.InMemory;

/// <summary>
/// Opaque versions for the in-memory stores, as ETags are for the table stores: every write gets a new one, and no two
/// records share one, so a version read from one record never matches another.
/// </summary>
internal sealed class InMemoryVersions
{
    private long _last;

    public string Next() => string.Create(CultureInfo.InvariantCulture, $"W/\"mem-{Interlocked.Increment(ref _last)}\"");
}
