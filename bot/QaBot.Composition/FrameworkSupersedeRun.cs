using Microsoft.Extensions.Options;
using QaBot.Application.Framework;
using QaBot.Core.Framework;
using QaBot.Core.Tracking;

namespace QaBot.Composition;

/// <summary>
/// The nightly supersede run: when <c>Framework:PreviousCatalogueFile</c> names the version before the configured one
/// (or the shipped catalogue is in use, whose previous version is shipped beside it),
/// closes the open items the configured version supersedes once it is in effect (<see cref="SupersedeDuties"/>).
/// Nothing to do when there is no previous version; an invalid previous file fails the run with every problem listed.
/// </summary>
public sealed class FrameworkSupersedeRun
{
    private readonly IOptions<FrameworkOptions> _options;
    private readonly FrameworkCatalogue _current;
    private readonly SupersedeDuties _supersede;

    public FrameworkSupersedeRun(IOptions<FrameworkOptions> options, FrameworkCatalogue current, SupersedeDuties supersede)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _current = current ?? throw new ArgumentNullException(nameof(current));
        _supersede = supersede ?? throw new ArgumentNullException(nameof(supersede));
    }

    /// <returns>What the run did; null when no previous version is configured.</returns>
    public async Task<SupersedeResult?> RunAsync(CancellationToken cancellationToken)
    {
        if (_options.Value.PreviousFile() is not { } previousFile)
        {
            return null;
        }

        var path = DataFiles.Resolve(previousFile);
        var previous = DataFiles.ReadCatalogue(path);
        if (!previous.IsValid)
        {
            throw new FrameworkCatalogueException(path, previous.Errors);
        }

        return await _supersede.ExecuteAsync(previous.Catalogue, _current, new AuditOrigin("scheduler", "framework-supersede"), cancellationToken).ConfigureAwait(false);
    }
}
