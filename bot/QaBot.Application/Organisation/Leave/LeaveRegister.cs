using QaBot.Application.Tracking;
using QaBot.Core.Calendar;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Application.Organisation.Leave;

/// <summary>
/// Leave and absence (docs/workforce.md): records and cancels a stretch away, with an optional cover, and moves the
/// person's items that fall due while they are away to the first working day after they return. Statutory items
/// never move: while the person is away they are with the cover or, with no cover, with the manager their overdue
/// items escalate to (<see cref="OrganisationChart.StandInFor"/>). With a cover nothing moves: the cover holds the
/// person's duties until they return. Everything is in the audit trail about the person and each item moved.
/// </summary>
public sealed class LeaveRegister
{
    private readonly IDirectoryStore _directory;
    private readonly ITrackingStore _tracking;
    private readonly ScheduleEngine _engine;

    public LeaveRegister(IDirectoryStore directory, ITrackingStore tracking, ScheduleEngine engine)
    {
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _tracking = tracking ?? throw new ArgumentNullException(nameof(tracking));
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
    }

    /// <summary>
    /// Records that <paramref name="person"/> is away from <paramref name="from"/> to <paramref name="to"/> (both days
    /// included), checked first: nothing is written when anything is wrong, and the problem says what.
    /// </summary>
    public async Task<LeaveOutcome> AddAsync(Person person, DateOnly from, DateOnly to, Person? cover, Actor by, DateTimeOffset at, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(origin);
        var today = Today(at);
        var existing = await _directory.GetAbsencesAsync(person.Id, cancellationToken).ConfigureAwait(false);
        var problem = Check(person, from, to, cover, today, existing);
        if (problem is null && cover is not null)
        {
            var coverAway = await _directory.GetAbsencesAsync(cover.Id, cancellationToken).ConfigureAwait(false);
            if (coverAway.FirstOrDefault(a => a.Overlaps(from, to)) is { } clash)
            {
                problem = $"{cover.DisplayName} is away themselves from {UkDates.Format(clash.From)} to {UkDates.Format(clash.To)}, so cannot cover.";
            }
        }

        if (problem is not null)
        {
            return LeaveOutcome.Refused(problem);
        }

        var absence = new Absence(person.Id, from, to, cover?.Id, by, at);
        var detail = $"away {Iso(from)} to {Iso(to)}" + (cover is null ? ", no cover" : $", covered by person:{cover.Id}");
        var saved = await _directory.AddAbsenceAsync(absence, Audit(person, at, by, "leave-recorded", detail, origin), cancellationToken).ConfigureAwait(false);
        if (!saved.Saved)
        {
            return LeaveOutcome.Refused($"Leave for {person.DisplayName} starting {UkDates.Format(from)} is already recorded.");
        }

        var moved = await MoveItemsAsync(person, absence, at, origin, cancellationToken).ConfigureAwait(false);
        return new LeaveOutcome(absence, moved, null);
    }

    /// <summary>Cancels the person's leave that starts on <paramref name="from"/>. Items already moved keep their new dates.</summary>
    public async Task<LeaveOutcome> CancelAsync(Person person, DateOnly from, Actor by, DateTimeOffset at, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        var existing = await _directory.GetAbsencesAsync(person.Id, cancellationToken).ConfigureAwait(false);
        if (existing.FirstOrDefault(a => a.From == from) is not { } absence)
        {
            return LeaveOutcome.Refused(existing.Count == 0
                ? $"{person.DisplayName} has no leave recorded."
                : $"{person.DisplayName} has no leave starting {UkDates.Format(from)}; recorded: {string.Join("; ", existing.Select(Describe))}.");
        }

        var detail = $"leave {Iso(absence.From)} to {Iso(absence.To)} cancelled";
        var removed = await _directory.RemoveAbsenceAsync(absence, Audit(person, at, by, "leave-cancelled", detail, origin), cancellationToken).ConfigureAwait(false);
        return removed.Saved ? new LeaveOutcome(absence, 0, null) : LeaveOutcome.Refused("The leave was changed by someone else meanwhile; list it again.");
    }

    /// <summary>
    /// Moves the person's outstanding items falling due while they are away, from today on, to the first working day
    /// back, unless the absence has a cover or the item is statutory. Running it again moves nothing twice: the
    /// scheduler runs it for every absence not yet over, after creating new items.
    /// </summary>
    public async Task<int> MoveItemsAsync(Person person, Absence absence, DateTimeOffset at, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(absence);
        if (absence.Cover is not null)
        {
            return 0;
        }

        var returnsOn = absence.ReturnsOn(_engine.Calendar);
        var today = Today(at);
        var items = await _tracking.GetOpenItemsAsync(person, cancellationToken).ConfigureAwait(false);
        var moved = 0;

        // Only what is still to fall due: leave recorded after the event never moves an item already past its date. A
        // meeting the person chairs is on its own date whoever chairs it: it is not moved after their leave.
        foreach (var item in items.Where(i => absence.IsOn(i.EffectiveDue) && i.EffectiveDue >= today && !_engine.Rules.IsStatutory(i.Duty) && !Core.Meetings.ChairedMeeting.IsMeetingItem(i.Id, i.Duty)))
        {
            var remindAt = _engine.Rules.RemindersAfter(returnsOn, item.Duty, at);
            var result = await _tracking.UpdateAsync(item.Key, current => ItemTransitions.MoveForAbsence(current, absence, returnsOn, remindAt, at, origin), cancellationToken).ConfigureAwait(false);
            if (result.Status == ItemUpdateStatus.Updated)
            {
                moved++;
            }
        }

        return moved;
    }

    /// <summary>The council's date at the instant.</summary>
    public DateOnly Today(DateTimeOffset at) => _engine.Calendar.LocalDateOf(at);

    /// <summary>"Mon 14 Dec 2026 to Fri 1 Jan 2027".</summary>
    public static string Describe(Absence absence)
    {
        ArgumentNullException.ThrowIfNull(absence);
        return $"{UkDates.Format(absence.From)} to {UkDates.Format(absence.To)}";
    }

    private static string? Check(Person person, DateOnly from, DateOnly to, Person? cover, DateOnly today, IReadOnlyList<Absence> existing)
    {
        if (!person.Active)
        {
            return $"{person.DisplayName} has left: there is no leave to record.";
        }

        if (to < from)
        {
            return $"The leave ends ({UkDates.Format(to)}) before it starts ({UkDates.Format(from)}).";
        }

        if (to < today)
        {
            return $"The leave ended on {UkDates.Format(to)}, before today: there is nothing to pause.";
        }

        if (to.DayNumber - from.DayNumber + 1 > Absence.MaxDays)
        {
            return $"The leave is {to.DayNumber - from.DayNumber + 1} days long; record at most {Absence.MaxDays} days at a time.";
        }

        if (cover is not null && cover.Id == person.Id)
        {
            return $"{person.DisplayName} cannot cover their own leave.";
        }

        if (cover is { Active: false })
        {
            return $"{cover.DisplayName} has left and cannot cover.";
        }

        return existing.FirstOrDefault(a => a.Overlaps(from, to)) is { } clash
            ? $"{person.DisplayName} already has leave recorded from {UkDates.Format(clash.From)} to {UkDates.Format(clash.To)}, which overlaps; cancel it first to change it."
            : null;
    }

    private static AuditEntry Audit(Person person, DateTimeOffset at, Actor by, string action, string detail, AuditOrigin origin) =>
        new(at, by, action, "person:" + person.Id.Value, detail, origin);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What recording or cancelling leave did: the absence and how many items moved, or why nothing was written.</summary>
public sealed record LeaveOutcome(Absence? Absence, int ItemsMoved, string? Problem)
{
    public bool Succeeded => Problem is null;

    public static LeaveOutcome Refused(string problem) => new(null, 0, problem);
}
