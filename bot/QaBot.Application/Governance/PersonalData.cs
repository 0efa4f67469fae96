using QaBot.Application.Organisation;
using QaBot.Core.Governance;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Application.Governance;

/// <summary>
/// A subject access export: who (their marks as held), every row naming them, when, and whether they were read through
/// the person index (complete to <paramref name="IndexedThrough"/>) or every table whole; or why nothing was read.
/// </summary>
public sealed record SubjectAccessAnswer(PersonMarks? Person, IReadOnlyList<HeldRecord> Records, DateTimeOffset At, string? Problem, DateTimeOffset? IndexedThrough = null)
{
    public static SubjectAccessAnswer Refused(string problem) => new(null, [], default, problem);
}

/// <summary>An erasure's result: the pseudonym now in the person's place and the rows changed per table; or why nothing was written.</summary>
public sealed record ErasureOutcome(PersonId? Pseudonym, IReadOnlyList<TableCount> Changed, string? Problem)
{
    public static ErasureOutcome Refused(string problem) => new(null, [], problem);

    public long Rows => Changed.Sum(c => c.Rows);
}

/// <summary>
/// <c>qabot people export</c> and <c>qabot people erase</c>: a person's rights of access and erasure (docs/privacy.md).
/// Each export and erasure is recorded in the governance log by object id, never by name; an erasure also goes in the
/// erasure register (by pseudonym) before anything is rewritten, so <see cref="ReapplyAsync"/> can finish it after a
/// stop or a restore from an older backup.
/// </summary>
public sealed class PersonalData
{
    public const string OnRequest = "request";
    public const string PastRetention = "retention";

    private readonly IPersonalRecords _records;
    private readonly IErasureRegister _register;
    private readonly IDirectoryStore _directory;
    private readonly IGovernanceLog _log;
    private readonly TimeProvider _time;

    public PersonalData(IPersonalRecords records, IErasureRegister register, IDirectoryStore directory, IGovernanceLog log, TimeProvider time)
    {
        _records = records;
        _register = register;
        _directory = directory;
        _log = log;
        _time = time;
    }

    public async Task<SubjectAccessAnswer> ExportAsync(string person, Actor who, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(person, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return SubjectAccessAnswer.Refused(NotFound(person));
        }

        var marks = PersonMarks.Of(found);
        var records = await _records.FindAsync(marks, cancellationToken).ConfigureAwait(false);
        var at = _time.GetUtcNow();
        await _log.RecordAsync(new GovernanceLook(at, who, GovernanceLook.SubjectAccess, "person:" + found.Id.Value, records.Rows.Count, origin), cancellationToken).ConfigureAwait(false);
        return new SubjectAccessAnswer(marks, records.Rows, at, null, records.IndexedThrough);
    }

    /// <summary>
    /// Brings the person index up to date for everyone in the directory, leavers and pseudonyms included (part of the
    /// daily retention run, and <c>qabot people index</c>), so exports read what names a person rather than every table.
    /// </summary>
    public async Task<PersonIndexUpdate> UpdateIndexAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await _directory.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
        return await _records.UpdateIndexAsync(snapshot.People.Select(p => PersonMarks.Of(p.Value)).ToList(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Pseudonymises someone who has left, everywhere, the audit trail included; counts are untouched (the compliance
    /// model holds no one's id). Refuses someone still active: the next import or directory sync would bring them back.
    /// </summary>
    public async Task<ErasureOutcome> EraseAsync(string person, string reason, Actor who, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var found = await FindAsync(person, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return ErasureOutcome.Refused(NotFound(person));
        }

        if (Pseudonyms.IsPseudonym(found.Upn))
        {
            return ErasureOutcome.Refused($"{found.Id.Value} is already a pseudonym: that person was erased.");
        }

        if (found.Active)
        {
            return ErasureOutcome.Refused($"{found.Id.Value} is still active in the directory. Erase only people who have left: record the leaver (people import or directory sync) first.");
        }

        return await EraseAsync(found, reason, who, origin, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies again every recorded erasure whose person is back in the directory under their own id (after a restore
    /// from a backup older than the erasure, or an erasure that stopped part-way). Returns the erasures re-applied.
    /// </summary>
    public async Task<IReadOnlyList<ErasureOutcome>> ReapplyAsync(Actor who, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var erased = (await _register.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(e => e.Pseudonym);
        if (erased.Count == 0)
        {
            return [];
        }

        var snapshot = await _directory.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
        var outcomes = new List<ErasureOutcome>();
        foreach (var person in snapshot.People.Select(p => p.Value).Where(p => !Pseudonyms.IsPseudonym(p.Upn)))
        {
            if (erased.TryGetValue(Pseudonyms.For(person.Id).Id, out var record))
            {
                outcomes.Add(await EraseAsync(person, record.Reason, who, origin, cancellationToken).ConfigureAwait(false));
            }
        }

        return outcomes;
    }

    internal async Task<ErasureOutcome> EraseAsync(Person person, string reason, Actor who, AuditOrigin origin, CancellationToken cancellationToken)
    {
        var pseudonym = Pseudonyms.For(person.Id);
        await _register.RecordAsync(new ErasureRecord(pseudonym.Id, _time.GetUtcNow(), who, reason), cancellationToken).ConfigureAwait(false);
        var changed = await _records.PseudonymiseAsync(PersonMarks.Of(person), pseudonym, cancellationToken).ConfigureAwait(false);
        var outcome = new ErasureOutcome(pseudonym.Id, changed, null);
        await _log.RecordAsync(new GovernanceLook(_time.GetUtcNow(), who, GovernanceLook.Erasure, $"person:{pseudonym.Id.Value} reason:{reason}", outcome.Rows, origin), cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    private async Task<Person?> FindAsync(string given, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(given);
        var text = given.Trim();
        if (text.Contains('@', StringComparison.Ordinal))
        {
            var active = await _directory.FindByUpnAsync(text, cancellationToken).ConfigureAwait(false);
            if (active is not null)
            {
                return active;
            }

            // Leavers have no UPN lookup row: find them among everyone.
            var snapshot = await _directory.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
            return snapshot.People.Select(p => p.Value).FirstOrDefault(p => string.Equals(p.Upn, text, StringComparison.OrdinalIgnoreCase));
        }

        return PersonId.TryParse(text, out var id) ? await _directory.GetPersonAsync(id, cancellationToken).ConfigureAwait(false) : null;
    }

    private static string NotFound(string given) => $"No one in the directory has the UPN or object id '{given.Trim()}'.";
}
