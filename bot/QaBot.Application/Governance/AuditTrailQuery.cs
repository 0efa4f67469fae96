using System.Globalization;
using QaBot.Application.Organisation;
using QaBot.Core.Calendar;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Application.Governance;

/// <summary>What an audit query asks: exactly one of a person (UPN or object id), an item or an area, and council dates.</summary>
public sealed record AuditQuestion(string? Person, string? Item, string? Area, DateOnly? From, DateOnly? To);

/// <summary>The answer: the entries found, oldest first, and what was asked in ids (as recorded in the governance log); or why nothing was read.</summary>
public sealed record AuditAnswer(IReadOnlyList<AuditRecord> Records, string Asked, string? Problem)
{
    public static AuditAnswer Refused(string problem) => new([], string.Empty, problem);
}

/// <summary>
/// <c>qabot audit</c>: reads the audit trail about a person, an item or an area over council dates, and records the look
/// itself in the governance log (who asked, when, what, how many entries; never the entries).
/// </summary>
public sealed class AuditTrailQuery
{
    private readonly IAuditTrail _trail;
    private readonly IDirectoryStore _directory;
    private readonly IGovernanceLog _log;
    private readonly CouncilCalendar _calendar;
    private readonly TimeProvider _time;

    public AuditTrailQuery(IAuditTrail trail, IDirectoryStore directory, IGovernanceLog log, CouncilCalendar calendar, TimeProvider time)
    {
        _trail = trail;
        _directory = directory;
        _log = log;
        _calendar = calendar;
        _time = time;
    }

    public async Task<AuditAnswer> AskAsync(AuditQuestion question, Actor who, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        var asks = new[] { question.Person, question.Item, question.Area }.Count(v => !string.IsNullOrWhiteSpace(v));
        if (asks != 1)
        {
            return AuditAnswer.Refused("Give exactly one of --person, --item or --area.");
        }

        if (question.From is { } f && question.To is { } t && t < f)
        {
            return AuditAnswer.Refused($"--to ({UkDates.Format(t)}) is before --from ({UkDates.Format(f)}).");
        }

        var period = Period(question);
        var dates = Dates(question);
        IReadOnlyList<AuditRecord> records;
        string asked;
        if (!string.IsNullOrWhiteSpace(question.Person))
        {
            var person = await FindPersonAsync(question.Person.Trim(), cancellationToken).ConfigureAwait(false);
            if (person is null)
            {
                return AuditAnswer.Refused($"No one in the directory has the UPN or object id '{question.Person.Trim()}'. For someone who has left, give their object id.");
            }

            asked = "person:" + person.Value.Id.Value + dates;
            records = await _trail.GetForPersonAsync(person.Value.Id, person.Value.HomeArea, period, cancellationToken).ConfigureAwait(false);
        }
        else if (!string.IsNullOrWhiteSpace(question.Item))
        {
            var item = new OccurrenceId(question.Item.Trim());
            asked = "item:" + item.Value + dates;
            records = await _trail.GetForItemAsync(item, period, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var areas = await _directory.GetAreasAsync(cancellationToken).ConfigureAwait(false);
            var given = question.Area!.Trim();
            var matches = AreaId.TryParse(given, out var id) && areas.Find(id) is { } byId ? [byId] : areas.Resolve(given);
            if (matches.Count != 1)
            {
                return AuditAnswer.Refused(matches.Count == 0
                    ? $"No area '{given}' in the directory: give its name, its path or its id."
                    : $"'{given}' matches {matches.Count} areas; give more of the path ({string.Join("; ", matches.Select(m => areas.PathOf(m.Id)))}).");
            }

            var area = matches[0];

            asked = "area:" + area.Id.Value + dates;
            records = await _trail.GetForAreaAsync(area.Id, period, cancellationToken).ConfigureAwait(false);
        }

        var sorted = records.OrderBy(r => r.Entry.At).ThenBy(r => r.Entry.Subject, StringComparer.Ordinal).ToList();
        await _log.RecordAsync(new GovernanceLook(_time.GetUtcNow(), who, GovernanceLook.AuditQuery, asked, sorted.Count, origin), cancellationToken).ConfigureAwait(false);
        return new AuditAnswer(sorted, asked, null);
    }

    /// <summary>The governance log itself (<c>qabot audit --looks</c>); reading it is a look too, recorded after the read.</summary>
    public async Task<IReadOnlyList<GovernanceLook>> ListLooksAsync(DateOnly? from, DateOnly? to, Actor who, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var question = new AuditQuestion(null, null, null, from, to);
        var looks = await _log.ListAsync(Period(question), cancellationToken).ConfigureAwait(false);
        await _log.RecordAsync(new GovernanceLook(_time.GetUtcNow(), who, GovernanceLook.AuditLooks, "looks" + Dates(question), looks.Count, origin), cancellationToken).ConfigureAwait(false);
        return looks;
    }

    /// <summary>The council's local midnight at the start of <c>From</c> up to the one after <c>To</c>: both dates count whole.</summary>
    private AuditPeriod Period(AuditQuestion question) => new(
        question.From is { } from ? _calendar.ToInstant(from, TimeOnly.MinValue) : null,
        question.To is { } to ? _calendar.ToInstant(to.AddDays(1), TimeOnly.MinValue) : null);

    private static string Dates(AuditQuestion question) =>
        (question.From is { } from ? " from " + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty)
        + (question.To is { } to ? " to " + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty);

    private async Task<(PersonId Id, AreaId? HomeArea)?> FindPersonAsync(string given, CancellationToken cancellationToken)
    {
        var person = given.Contains('@', StringComparison.Ordinal)
            ? await _directory.FindByUpnAsync(given, cancellationToken).ConfigureAwait(false)
            : await _directory.GetPersonAsync(new PersonId(given), cancellationToken).ConfigureAwait(false);
        return person is null ? null : (person.Id, person.HomeArea);
    }
}
