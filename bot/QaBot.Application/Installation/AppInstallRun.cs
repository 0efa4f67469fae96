using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QaBot.Application.Configuration;
using QaBot.Application.Conversations;
using QaBot.Application.Organisation;
using QaBot.Core.Organisation;

namespace QaBot.Application.Installation;

/// <summary>
/// Installs QaBot for every active person it cannot reach: no saved conversation, or one the sender marked stale (the
/// bot was removed or blocked). A reminder bot that half the staff never installed reaches nobody. Each attempt is
/// recorded per person so operators can see who is not reachable and why (<c>qabot graph installs</c>).
/// </summary>
public sealed partial class AppInstallRun
{
    private readonly IDirectoryStore _directory;
    private readonly IConversationReferenceStore _conversations;
    private readonly IAppInstallationStore _installs;
    private readonly ITeamsAppInstaller _installer;
    private readonly GraphSyncOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AppInstallRun> _logger;

    public AppInstallRun(
        IDirectoryStore directory,
        IConversationReferenceStore conversations,
        IAppInstallationStore installs,
        ITeamsAppInstaller installer,
        IOptions<GraphSyncOptions> options,
        TimeProvider time,
        ILogger<AppInstallRun> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _directory = directory;
        _conversations = conversations;
        _installs = installs;
        _installer = installer;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Installs are off until Graph:TeamsAppCatalogId names the app.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(_options.TeamsAppCatalogId);

    public async Task<AppInstallRunResult> RunAsync(bool dryRun, CancellationToken cancellationToken = default)
    {
        var snapshot = await _directory.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
        var conversations = (await _conversations.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(c => c.Reference.PersonId);
        var installs = (await _installs.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(i => i.Person);
        var now = _time.GetUtcNow();

        var reachable = 0;
        var waiting = 0;
        var candidates = new List<PersonId>();
        foreach (var person in snapshot.People.Select(p => p.Value).Where(p => p.Active).OrderBy(p => p.Id.Value, StringComparer.Ordinal))
        {
            conversations.TryGetValue(person.Id, out var conversation);
            if (conversation is { IsStale: false })
            {
                reachable++;
                continue;
            }

            if (installs.TryGetValue(person.Id, out var last)
                && last.Status != AppInstallStatus.Failed
                && now - last.LastAttemptAt < _options.InstallRecheckInterval
                && (conversation is null || conversation.StaleSince <= last.LastAttemptAt))
            {
                waiting++;
                continue;
            }

            candidates.Add(person.Id);
        }

        if (dryRun || candidates.Count == 0)
        {
            return new AppInstallRunResult(reachable, waiting, candidates, []);
        }

        var attempts = new ConcurrentBag<AppInstallRecord>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentRequests, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(candidates, parallel, async (person, ct) =>
        {
            conversations.TryGetValue(person, out var conversation);
            installs.TryGetValue(person, out var last);
            attempts.Add(await InstallAsync(person, conversation, last, ct).ConfigureAwait(false));
        }).ConfigureAwait(false);

        var result = new AppInstallRunResult(reachable, waiting, candidates, [.. attempts.OrderBy(a => a.Person.Value, StringComparer.Ordinal)]);
        var installed = result.Count(AppInstallStatus.Installed);
        var already = result.Count(AppInstallStatus.AlreadyInstalled);
        var failed = result.Count(AppInstallStatus.Failed);
        LogRunFinished(_logger, candidates.Count, installed, already, failed);
        return result;
    }

    private async Task<AppInstallRecord> InstallAsync(PersonId person, StoredConversation? conversation, AppInstallRecord? last, CancellationToken cancellationToken)
    {
        var attempt = await _installer.InstallAsync(person, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        AppInstallRecord record;
        if (attempt.Status == AppInstallStatus.Failed)
        {
            LogInstallFailed(_logger, person.Value, attempt.HttpStatus ?? 0, attempt.ErrorCode ?? string.Empty);
            record = new AppInstallRecord(
                person, AppInstallStatus.Failed, ConversationFollowUp.None, last?.ChatId, attempt.Error, (last?.FailedAttempts ?? 0) + 1, now, last?.InstalledAt);
        }
        else
        {
            var followUp = await FollowUpAsync(attempt, conversation, now, cancellationToken).ConfigureAwait(false);
            record = new AppInstallRecord(person, attempt.Status, followUp, attempt.ChatId, null, 0, now,
                attempt.Status == AppInstallStatus.Installed ? now : last?.InstalledAt);
        }

        await _installs.SaveAsync(record, cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>
    /// A fresh install makes Teams send the bot an installationUpdate, from which the bot saves the conversation. Where a
    /// stale conversation is already known, its chat is saved straight away with the id Graph gives, so reminders need
    /// not wait. An app that was already installed while sends fail means the person has blocked QaBot.
    /// </summary>
    private async Task<ConversationFollowUp> FollowUpAsync(AppInstallAttempt attempt, StoredConversation? conversation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (attempt.Status == AppInstallStatus.AlreadyInstalled)
        {
            return conversation is null ? ConversationFollowUp.WaitingForPerson : ConversationFollowUp.ConversationStillStale;
        }

        if (conversation is not null && attempt.ChatId is { } chatId)
        {
            await _conversations.SaveAsync(conversation.Reference with { ConversationId = chatId }, now, cancellationToken).ConfigureAwait(false);
            return ConversationFollowUp.ReferenceSaved;
        }

        return ConversationFollowUp.WaitingForTeams;
    }

    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "Installing QaBot for person {PersonId} failed: HTTP {Status} {Code}")]
    private static partial void LogInstallFailed(ILogger logger, string personId, int status, string code);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Information, Message = "Installs: {Candidates} tried, {Installed} installed, {AlreadyInstalled} already installed, {Failed} failed")]
    private static partial void LogRunFinished(ILogger logger, int candidates, int installed, int alreadyInstalled, int failed);
}
