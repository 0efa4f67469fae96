using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QaBot.Application.Configuration;
using QaBot.Application.Installation;
using QaBot.Application.Meetings;
using QaBot.Application.Organisation.Sync;
using QaBot.Application.Telemetry;
using QaBot.Core.Tracking;

namespace QaBot.Application.Sync;

/// <summary>
/// The scheduled Graph work, in order: directory sync (so that meetings invite today's role holders), the meetings,
/// then installs for people QaBot cannot reach. Each part runs when it is configured; every part runs even if one
/// before it failed, and the run then fails naming every part that did, so a failure is never hidden.
/// </summary>
public sealed partial class GraphSyncRun
{
    private readonly DirectorySync _directory;
    private readonly BoardMeetingSync _meetings;
    private readonly AppInstallRun _installs;
    private readonly IGraphConnection _graph;
    private readonly GraphSyncOptions _options;
    private readonly ILogger<GraphSyncRun> _logger;
    private readonly UnreachedPeopleQuery? _unreached;

    public GraphSyncRun(
        DirectorySync directory,
        BoardMeetingSync meetings,
        AppInstallRun installs,
        IGraphConnection graph,
        IOptions<GraphSyncOptions> options,
        ILogger<GraphSyncRun> logger,
        UnreachedPeopleQuery? unreached = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        _directory = directory;
        _meetings = meetings;
        _installs = installs;
        _graph = graph;
        _options = options.Value;
        _logger = logger;
        _unreached = unreached;
    }

    /// <summary>Runs every configured part; throws <see cref="GraphSyncFailedException"/> afterwards if any failed.</summary>
    public async Task RunAsync(AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        if (!_graph.IsConfigured)
        {
            LogNotConfigured(_logger);
            return;
        }

        var failures = new List<string>();
        if (_directory.Enabled)
        {
            await RunPartAsync("directory sync", failures, async () =>
            {
                var result = await _directory.RunAsync(dryRun: false, allowMassDeactivation: false, origin, cancellationToken).ConfigureAwait(false);
                return result.Succeeded ? null : result.Refusal ?? $"{result.Problems.Count} problems, {result.Applied?.Conflicts.Count ?? 0} conflicts";
            }).ConfigureAwait(false);
        }

        if (_options.OrganiserMailboxes.Count > 0)
        {
            await RunPartAsync("meetings", failures, async () =>
            {
                var result = await _meetings.SyncAsync(cancellationToken).ConfigureAwait(false);
                return result.Succeeded ? null : $"{result.Plan.Problems.Count} schedule problems, {result.Failures.Count} refused changes, {result.Conflicts.Count} conflicts";
            }).ConfigureAwait(false);
        }

        if (_installs.Enabled)
        {
            await RunPartAsync("installs", failures, async () =>
            {
                var result = await _installs.RunAsync(dryRun: false, cancellationToken).ConfigureAwait(false);
                return result.Succeeded ? null : $"{result.Count(AppInstallStatus.Failed)} people could not be installed for (qabot graph installs --failed)";
            }).ConfigureAwait(false);
        }

        if (_unreached is not null)
        {
            await RunPartAsync("unreached count", failures, async () =>
            {
                await CountUnreachedAsync(_unreached, cancellationToken).ConfigureAwait(false);
                return null;
            }).ConfigureAwait(false);
        }

        if (failures.Count > 0)
        {
            throw new GraphSyncFailedException(failures);
        }
    }

    /// <summary>After the installs, so the count is who is still not reached: the log line and the gauge the QA team watches.</summary>
    private async Task CountUnreachedAsync(UnreachedPeopleQuery query, CancellationToken cancellationToken)
    {
        var unreached = await query.GetAsync(null, cancellationToken).ConfigureAwait(false);
        var noChat = unreached.Count(UnreachedReason.NoChat);
        var stale = unreached.Count(UnreachedReason.StaleChat);
        var failed = unreached.Count(UnreachedReason.InstallFailed);
        QaBotTelemetry.PeopleUnreached.Record(noChat, new KeyValuePair<string, object?>("reason", "no_chat"));
        QaBotTelemetry.PeopleUnreached.Record(stale, new KeyValuePair<string, object?>("reason", "stale_chat"));
        QaBotTelemetry.PeopleUnreached.Record(failed, new KeyValuePair<string, object?>("reason", "install_failed"));
        LogUnreached(_logger, unreached.People.Count, unreached.WithDuties, noChat, stale, failed);
    }

    private async Task RunPartAsync(string part, List<string> failures, Func<Task<string?>> run)
    {
        try
        {
            if (await run().ConfigureAwait(false) is { } failure)
            {
                LogPartFailed(_logger, part, failure);
                failures.Add($"{part}: {failure}");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPartThrew(_logger, e, part);
            failures.Add($"{part}: {e.GetType().Name}");
        }
    }

    [LoggerMessage(EventId = 7401, Level = LogLevel.Information, Message = "Graph sync skipped: Microsoft Graph is not configured")]
    private static partial void LogNotConfigured(ILogger logger);

    [LoggerMessage(EventId = 7402, Level = LogLevel.Error, Message = "Graph sync part {Part} did not complete: {Failure}")]
    private static partial void LogPartFailed(ILogger logger, string part, string failure);

    [LoggerMessage(EventId = 7404, Level = LogLevel.Information, Message = "Unreached: {Unreached} of {WithDuties} staff with duties cannot be reached ({NoChat} no chat, {Stale} stale chat, {InstallFailed} failed install)")]
    private static partial void LogUnreached(ILogger logger, int unreached, int withDuties, int noChat, int stale, int installFailed);

    [LoggerMessage(EventId = 7403, Level = LogLevel.Error, Message = "Graph sync part {Part} failed")]
    private static partial void LogPartThrew(ILogger logger, Exception exception, string part);
}
