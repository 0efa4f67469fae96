using QaBot.Application.Conversations;
using QaBot.Application.Organisation;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Application.Installation;

/// <summary>
/// Who QaBot cannot reach: active staff holding a role with duties in the framework who have no chat with the bot, a
/// chat Teams refused (marked stale after a 403 or 404), or whose last install failed. The QA team chases them
/// (<c>qabot people unreached</c>); the operator status and the nightly Graph run count them.
/// </summary>
/// <remarks>
/// A working chat wins over everything else: reminders reach the person. Otherwise a failed install is reported first
/// (it is the thing IT can act on), then a stale chat, then no chat at all.
/// </remarks>
public sealed class UnreachedPeopleQuery
{
    private readonly IDirectoryStore _directory;
    private readonly IConversationReferenceStore _conversations;
    private readonly IAppInstallationStore _installs;
    private readonly FrameworkCatalogue _catalogue;

    public UnreachedPeopleQuery(IDirectoryStore directory, IConversationReferenceStore conversations, IAppInstallationStore installs, FrameworkCatalogue catalogue)
    {
        _directory = directory;
        _conversations = conversations;
        _installs = installs;
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
    }

    /// <param name="area">Only people working in this area or below it; null for the whole council.</param>
    public async Task<UnreachedPeople> GetAsync(AreaId? area, CancellationToken cancellationToken = default)
    {
        var snapshot = await _directory.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
        var conversations = (await _conversations.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(c => c.Reference.PersonId);
        var installs = (await _installs.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(i => i.Person);
        var tree = snapshot.Tree;
        var dutyRoles = _catalogue.Roles.Where(r => r.Duties.Count > 0).Select(r => r.Id).ToHashSet();

        var withDuties = 0;
        var unreached = new List<UnreachedPerson>();
        foreach (var person in snapshot.People.Select(p => p.Value))
        {
            if (!person.Active || (area is { } within && !person.WorksIn(within)) || !person.CurrentRoles.Any(r => dutyRoles.Contains(r.Role)))
            {
                continue;
            }

            withDuties++;
            conversations.TryGetValue(person.Id, out var conversation);
            installs.TryGetValue(person.Id, out var install);
            if (Classify(conversation, install) is { } why)
            {
                unreached.Add(new UnreachedPerson(person.Id, person.DisplayName, person.Upn, person.HomeArea, tree.PathOf(person.HomeArea), why.Reason, why.Since, why.Detail));
            }
        }

        return new UnreachedPeople(
            withDuties,
            [.. unreached.OrderBy(p => p.AreaPath, StringComparer.Ordinal).ThenBy(p => p.DisplayName, StringComparer.CurrentCulture).ThenBy(p => p.Person.Value, StringComparer.Ordinal)]);
    }

    private static (UnreachedReason Reason, DateTimeOffset? Since, string Detail)? Classify(StoredConversation? conversation, AppInstallRecord? install)
    {
        if (conversation is { IsStale: false })
        {
            return null;
        }

        if (install is { Status: AppInstallStatus.Failed } failed)
        {
            var tries = failed.FailedAttempts == 1 ? "1 failed try" : $"{failed.FailedAttempts} failed tries";
            return (UnreachedReason.InstallFailed, failed.LastAttemptAt, $"Installing QaBot for them failed ({failed.Error ?? "no detail"}; {tries}).");
        }

        if (conversation is { StaleSince: { } since } stale)
        {
            var detail = install is { FollowUp: ConversationFollowUp.ConversationStillStale }
                ? "The app is installed but Teams still refuses the chat: they may have blocked QaBot. Ask them to open QaBot in Teams."
                : $"Teams refused their chat ({stale.StaleReason ?? "no detail"}): they removed or blocked QaBot. The nightly run installs it again.";
            return (UnreachedReason.StaleChat, since, detail);
        }

        return install is { InstalledAt: not null } or { Status: AppInstallStatus.AlreadyInstalled }
            ? (UnreachedReason.NoChat, install!.InstalledAt ?? install.LastAttemptAt, "The app is installed but they have not opened QaBot yet: ask them to open it in Teams.")
            : (UnreachedReason.NoChat, null, "No chat with QaBot and no install tried yet: the nightly run installs it when Graph:TeamsAppCatalogId is set.");
    }
}

/// <summary>Why a person cannot be reached.</summary>
public enum UnreachedReason
{
    /// <summary>QaBot has never had a chat with them.</summary>
    NoChat,

    /// <summary>Their chat answered 403 or 404: they removed or blocked the app.</summary>
    StaleChat,

    /// <summary>The last attempt to install the app for them failed.</summary>
    InstallFailed,
}

/// <param name="WithDuties">Active staff with duties looked at (in the area asked for).</param>
/// <param name="People">Those of them QaBot cannot reach, by area path then name.</param>
public sealed record UnreachedPeople(int WithDuties, IReadOnlyList<UnreachedPerson> People)
{
    public int Count(UnreachedReason reason) => People.Count(p => p.Reason == reason);

    /// <summary>Counts per home area, for the operator status (no names).</summary>
    public IReadOnlyList<UnreachedArea> ByArea() =>
        [.. People.GroupBy(p => p.AreaPath, StringComparer.Ordinal).Select(g => new UnreachedArea(
            g.Key,
            g.Count(p => p.Reason == UnreachedReason.NoChat),
            g.Count(p => p.Reason == UnreachedReason.StaleChat),
            g.Count(p => p.Reason == UnreachedReason.InstallFailed)))];
}

/// <param name="Since">When it started: the failed install's last try, when the chat was refused, or when the app was installed; null when nothing was ever tried.</param>
/// <param name="Detail">What happened and what to do, in plain English.</param>
public sealed record UnreachedPerson(
    PersonId Person,
    string DisplayName,
    string Upn,
    AreaId HomeArea,
    string AreaPath,
    UnreachedReason Reason,
    DateTimeOffset? Since,
    string Detail);

/// <summary>How many people in one area QaBot cannot reach, by reason.</summary>
public sealed record UnreachedArea(string Area, int NoChat, int StaleChat, int InstallFailed)
{
    public int Total => NoChat + StaleChat + InstallFailed;
}
