using System.Globalization;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Core.Assurance;

/// <summary>Whose programme, for which duty and which year: one person's annual programme of visits or of meetings.</summary>
public sealed record ProgrammeKey(PersonId Person, DutyId Duty, int Year)
{
    /// <summary>The subject of the programme's own audit-trail entries.</summary>
    public string Subject => string.Create(CultureInfo.InvariantCulture, $"programme:{Person.Value}:{Duty.Value}:{Year}");
}

/// <summary>
/// When a programme entry is planned: a month ("March 2027", reminded through the month and due on its last working
/// day) or a date ("Tue 16 March 2027").
/// </summary>
public readonly record struct ProgrammeWhen(int Year, int Month, int? Day)
{
    public bool IsMonth => Day is null;

    /// <summary>The first day it can happen: the date, or the first of the month.</summary>
    public DateOnly First => new(Year, Month, Day ?? 1);

    /// <summary>The last day it is planned for: the date, or the month's last day.</summary>
    public DateOnly Last => Day is { } day ? new(Year, Month, day) : new DateOnly(Year, Month, 1).AddMonths(1).AddDays(-1);

    /// <summary>"2027-03" or "2027-03-16": the form a command takes and a store keeps.</summary>
    public string Text => Day is { } d
        ? string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}-{d:D2}")
        : string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    /// <summary>"March 2027" or "Tue 16 Mar 2027".</summary>
    public string Words => Day is null ? First.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")) : UkDates.Format(First);

    /// <summary>Reads "2027-03" or "2027-03-16"; false for anything else.</summary>
    public static bool TryParse(string? text, out ProgrammeWhen when)
    {
        when = default;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (value.Length == 7 && DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            when = new ProgrammeWhen(month.Year, month.Month, null);
            return true;
        }

        if (value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            when = new ProgrammeWhen(date.Year, date.Month, date.Day);
            return true;
        }

        return false;
    }
}

/// <summary>One planned visit or meeting: what (a team, a children's home, one of the bodies the task names) and when.</summary>
/// <param name="Number">1, 2, 3 … within the programme, in the order added.</param>
public sealed record ProgrammeEntry(int Number, string What, ProgrammeWhen When, Actor AddedBy, DateTimeOffset AddedAt);

/// <summary>
/// One person's programme for a year under one duty marked <c>scheduledFrom: programme</c> (an "annual programme of
/// visits" or "of meetings"). Each entry is an item of the duty, reminded in its month and answered on its card: done
/// is held (with the date and a note), not applicable is not held (with the reason). The duty's number a year is the
/// target the programme is measured against.
/// </summary>
public sealed record Programme(ProgrammeKey Key, IReadOnlyList<ProgrammeEntry> Entries)
{
    /// <summary>The most entries one programme keeps: one a week.</summary>
    public const int MaxEntries = 52;

    public const int MaxWhatLength = 200;

    /// <summary>The entry already planned for the same thing at the same time, if there is one.</summary>
    public ProgrammeEntry? Find(string what, ProgrammeWhen when) =>
        Entries.FirstOrDefault(e => e.When == when && string.Equals(e.What, what, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The item of <paramref name="entry"/>: <c>{duty}.programme-{year}-{number}.{person}</c>, one per entry, so making
    /// the items again after a stop makes nothing twice.
    /// </summary>
    public OccurrenceId ItemFor(ProgrammeEntry entry) => ItemFor(Key, entry.Number);

    public static OccurrenceId ItemFor(ProgrammeKey key, int number)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(string.Create(CultureInfo.InvariantCulture, $"{key.Duty.Value}.programme-{key.Year:D4}-{number:D3}.{key.Person.Value}"));
    }

    /// <summary>Whether <paramref name="item"/> is a programme entry's (<see cref="ItemFor(ProgrammeEntry)"/>) rather than an item of the calendar's.</summary>
    public static bool IsProgrammeItem(OccurrenceId item, DutyId duty) => EntryOf(item, duty) is not null;

    /// <summary>The programme year and entry number of a programme entry's item; null for any other item.</summary>
    public static (int Year, int Number)? EntryOf(OccurrenceId item, DutyId duty)
    {
        var prefix = duty.Value + ".programme-";
        var value = item.Value;
        return value.Length > prefix.Length + 9 && value.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(value.AsSpan(prefix.Length, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && value[prefix.Length + 4] == '-'
            && int.TryParse(value.AsSpan(prefix.Length + 5, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && value[prefix.Length + 8] == '.'
            ? (year, number)
            : null;
    }

    /// <summary>What the entry's item says: "Programme for 2027, entry 3: Oakwood House children's home (March 2027)".</summary>
    public string ItemNote(ProgrammeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return string.Create(CultureInfo.InvariantCulture, $"Programme for {Key.Year}, entry {entry.Number}: {entry.What} ({entry.When.Words})");
    }

    /// <summary>The audit entry kept when an entry is added.</summary>
    public AuditEntry AddedEntry(ProgrammeEntry entry, AuditOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.AddedAt, entry.AddedBy, "programme entry added", Key.Subject, $"entry {entry.Number}: {entry.When.Text}", origin);
    }
}

/// <summary>A programme with fewer entries than its target: whose (their id and name), under which duty, for which year.</summary>
public sealed record ProgrammeShortfall(PersonId Person, string Name, Duty Duty, int Year, int Planned, int Target);
