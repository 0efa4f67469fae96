using QaBot.Core.Organisation;

namespace QaBot.Application.Organisation;

/// <summary>
/// The area tree for chat turns, read from the directory at most once a minute: areas change with an import, a few
/// times a year, and every overdue question needs them.
/// </summary>
public sealed class AreaTreeCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly IDirectoryStore _directory;
    private readonly TimeProvider _time;
    private (AreaTree Tree, DateTimeOffset ReadAt)? _cached;

    public AreaTreeCache(IDirectoryStore directory, TimeProvider time)
    {
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public async Task<AreaTree> GetAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_cached is { } cached && now - cached.ReadAt < Lifetime && now >= cached.ReadAt)
        {
            return cached.Tree;
        }

        var tree = await _directory.GetAreasAsync(cancellationToken).ConfigureAwait(false);
        _cached = (tree, now);
        return tree;
    }
}
