using QaBot.Application.Configuration;
using QaBot.Application.Conversations;
using QaBot.Application.Delivery;
using QaBot.Application.Installation;

namespace QaBot.Application.Reminders;

/// <summary>Builds <see cref="OperatorStatus"/>: the operator endpoint's one call.</summary>
public sealed class OperatorStatusQuery
{
    private const int RecentRuns = 5;
    private const int RunsWithDetail = 2;
    private const int MaxListed = 100;

    private readonly IReminderRunStore _runs;
    private readonly ISendLedger _ledger;
    private readonly IDigestOutbox _queue;
    private readonly IThrottleMarker _throttle;
    private readonly IConversationReferenceStore _conversations;
    private readonly RemindersOptions _options;
    private readonly TimeProvider _time;
    private readonly ITeamChannelStore? _channels;
    private readonly UnreachedPeopleQuery? _unreached;

    /// <param name="channels">The team channels the monthly report is posted to; without it none are listed.</param>
    /// <param name="unreached">Who QaBot cannot reach; without it the status has no such section.</param>
    public OperatorStatusQuery(
        IReminderRunStore runs,
        ISendLedger ledger,
        IDigestOutbox queue,
        IThrottleMarker throttle,
        IConversationReferenceStore conversations,
        RemindersOptions options,
        TimeProvider time,
        ITeamChannelStore? channels = null,
        UnreachedPeopleQuery? unreached = null)
    {
        _runs = runs;
        _ledger = ledger;
        _queue = queue;
        _throttle = throttle;
        _conversations = conversations;
        _options = options;
        _time = time;
        _channels = channels;
        _unreached = unreached;
    }

    /// <param name="expectedInterval">How often the run should start (from the schedule); a last success older than twice this is reported.</param>
    public async Task<OperatorStatus> GetAsync(TimeSpan expectedInterval, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var (state, _) = await _runs.GetStateAsync(cancellationToken).ConfigureAwait(false);
        var runs = await _runs.ListRecentRunsAsync(RecentRuns, cancellationToken).ConfigureAwait(false);
        var (queued, poison) = await _queue.GetBacklogAsync(cancellationToken).ConfigureAwait(false);
        var poisonMessages = poison > 0 ? [.. (await _queue.PeekGivenUpAsync(32, cancellationToken).ConfigureAwait(false)).Take(MaxListed)] : new List<GivenUpDigest>();
        var throttledUntil = await _throttle.GetAsync(cancellationToken).ConfigureAwait(false);
        var stale = (await _conversations.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(c => c.IsStale)
            .OrderByDescending(c => c.StaleSince)
            .Take(MaxListed)
            .Select(c => new StaleConversation(c.Reference.PersonId.Value, c.StaleSince!.Value, c.StaleReason ?? "-"))
            .ToList();

        var statuses = new List<RunStatus>();
        var failures = new List<DigestProblem>();
        var notReachable = new List<DigestProblem>();
        var duplicates = new List<DigestProblem>();
        var stuck = 0;
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            IReadOnlyList<SendRecord> records = i < RunsWithDetail ? await _ledger.ListRunAsync(run.RunId, cancellationToken).ConfigureAwait(false) : [];
            var byState = records.GroupBy(r => r.State.ToString()).ToDictionary(g => g.Key, g => g.Count());
            statuses.Add(new RunStatus(run.RunId, run.State.ToString(), run.From, run.To, run.StartedAt, run.FinishedAt, run.Digests, run.ItemsCreated, byState, records.Count(r => r.PossibleDuplicate), run.CatchUpTruncated, run.Problem));
            foreach (var record in records)
            {
                var problem = new DigestProblem(run.RunId, record.Key.Person.Value, record.State.ToString(), record.LastStatusCode, record.Attempts, record.UpdatedAt, SendStateWords.Meaning(record));
                if (record.State == SendState.Failed)
                {
                    failures.Add(problem);
                }
                else if (record.State == SendState.NotReachable)
                {
                    notReachable.Add(problem);
                }

                if (record.PossibleDuplicate)
                {
                    duplicates.Add(problem);
                }

                if (!record.IsFinal && now - record.UpdatedAt > _options.VisibilityTimeout + _options.RetryMaxDelay + TimeSpan.FromMinutes(5))
                {
                    stuck++;
                }
            }
        }

        var problems = new List<(int Severity, string Text)>();
        var lastSuccess = state.LastSuccessfulAt;
        if (lastSuccess is null)
        {
            problems.Add((1, "The reminder run has never finished. If the app was deployed more than a quarter of an hour ago, check the Functions app is running and see the latest run's problem below."));
        }
        else if (now - lastSuccess.Value > expectedInterval * 2 + TimeSpan.FromMinutes(5))
        {
            problems.Add((2, $"The last successful run finished at {lastSuccess:yyyy-MM-dd HH:mm} UTC, more than two schedule intervals ago: the timer is not firing or every run is failing. Check the Functions app is running and look at the latest run's problem."));
        }

        var latest = runs.Count > 0 ? runs[0] : null;
        if (latest is { State: RunState.Failed } failed)
        {
            problems.Add((2, $"The latest run ({failed.RunId}) failed: {failed.Problem} The next run starts it again; if it keeps failing, check storage access."));
        }

        if (latest is { State: RunState.Planning } planning && planning.LeaseUntil < now)
        {
            problems.Add((2, $"Run {planning.RunId} stopped part-way while planning; the next run resumes it."));
        }

        if (poison > 0)
        {
            problems.Add((2, $"{poison} message(s) are in the poison queue ({_options.PoisonQueueName}): their digests failed {_options.MaxDequeueCount} times with an error, and those not sent have not gone. See the logs for the error (event 6201); once fixed, move them back to {_options.QueueName}, and only those not sent go."));
        }

        if (stuck > 0)
        {
            problems.Add((2, $"{stuck} digest(s) have not moved for a long time while not finished: the sender may be stopped. Check the queue depth and the Functions app."));
        }

        if (failures.Count > 0)
        {
            problems.Add((1, $"{failures.Count} digest(s) failed in the latest runs (see failures)."));
        }

        if (notReachable.Count > 0)
        {
            problems.Add((1, $"{notReachable.Count} person(s) could not be reached: the app is not installed for them (see notReachable)."));
        }

        if (stale.Count > 0)
        {
            problems.Add((1, $"{stale.Count} person(s) have a stale chat with the bot (they blocked or removed it): install the app for them again."));
        }

        var staleChannels = _channels is null
            ? []
            : (await _channels.ListAsync(cancellationToken).ConfigureAwait(false))
                .Where(c => c.IsStale)
                .OrderByDescending(c => c.StaleSince)
                .Take(MaxListed)
                .Select(c => new StaleChannel(c.Channel.ConversationId, c.Channel.TeamId, c.StaleSince!.Value, c.StaleReason ?? "-"))
                .ToList();
        if (staleChannels.Count > 0)
        {
            problems.Add((1, $"{staleChannels.Count} team channel(s) can no longer be posted to (QaBot was removed from the team): add the app to the team again, or the monthly report will not reach them."));
        }

        IReadOnlyList<UnreachedArea> unreached = _unreached is null ? [] : (await _unreached.GetAsync(null, cancellationToken).ConfigureAwait(false)).ByArea();
        if (unreached.Count > 0)
        {
            problems.Add((1, $"{unreached.Sum(a => a.Total)} member(s) of staff with duties cannot be reached by QaBot (no chat, a refused chat or a failed install), in {unreached.Count} area(s): run 'qabot people unreached' for who and why."));
        }

        if (duplicates.Count > 0)
        {
            problems.Add((1, $"{duplicates.Count} digest(s) may have reached the person twice, because a sender stopped between sending and recording it."));
        }

        if (throttledUntil is { } until && until > now)
        {
            problems.Add((1, $"Teams is throttling the bot: senders wait until {until:HH:mm:ss} UTC."));
        }

        var health = problems.Count == 0 ? "ok" : problems.Max(p => p.Severity) >= 2 ? "failing" : "warning";
        return new OperatorStatus(
            health,
            problems.OrderByDescending(p => p.Severity).Select(p => p.Text).ToList(),
            now,
            lastSuccess,
            state.LastSuccessfulRunId,
            state.CoveredUpTo,
            state.CurrentRunId is { } current ? statuses.FirstOrDefault(s => s.RunId == current) : null,
            statuses,
            queued,
            poison,
            poisonMessages,
            throttledUntil,
            failures.Take(MaxListed).ToList(),
            notReachable.Take(MaxListed).ToList(),
            duplicates.Take(MaxListed).ToList(),
            stale)
        {
            StaleChannels = staleChannels,
            Unreached = unreached,
        };
    }
}
