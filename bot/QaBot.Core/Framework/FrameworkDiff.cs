namespace QaBot.Core.Framework;

/// <summary>
/// What a new version of the framework changes, duty by duty: which duties are added, removed, move to another role,
/// get another rhythm, become owed per report (or stop), follow practice learning days held instead of the calendar (or
/// the other way), or only change their wording. A change to who owes a duty or
/// how often supersedes the duty's open items on the new version's effective date; a change of wording does not.
/// </summary>
public static class FrameworkDiff
{
    public static IReadOnlyList<DutyChange> Compare(FrameworkCatalogue before, FrameworkCatalogue after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.Duties.ToDictionary(d => d.Id);
        var changes = new List<DutyChange>();
        foreach (var duty in after.Duties)
        {
            if (!old.Remove(duty.Id, out var was))
            {
                changes.Add(new DutyChange(DutyChangeKind.Added, duty.Id, null, duty));
                continue;
            }

            if (was.RoleId != duty.RoleId)
            {
                changes.Add(new DutyChange(DutyChangeKind.RoleChanged, duty.Id, was, duty));
            }

            if (RhythmDescription.Describe(was.Rhythm) != RhythmDescription.Describe(duty.Rhythm))
            {
                changes.Add(new DutyChange(DutyChangeKind.RhythmChanged, duty.Id, was, duty));
            }

            if (was.PerReport != duty.PerReport)
            {
                changes.Add(new DutyChange(DutyChangeKind.PerReportChanged, duty.Id, was, duty));
            }

            if (was.ScheduledFrom != duty.ScheduledFrom)
            {
                changes.Add(new DutyChange(DutyChangeKind.ScheduleChanged, duty.Id, was, duty));
            }

            if (was.Task != duty.Task || was.Purpose != duty.Purpose || was.Frequency != duty.Frequency)
            {
                changes.Add(new DutyChange(DutyChangeKind.WordingChanged, duty.Id, was, duty));
            }
        }

        changes.AddRange(before.Duties.Where(d => old.ContainsKey(d.Id)).Select(d => new DutyChange(DutyChangeKind.Removed, d.Id, d, null)));
        return changes;
    }

    /// <summary>The duties whose open items the new version supersedes: removed, or owed by someone else or at another rhythm.</summary>
    public static IReadOnlySet<DutyId> Superseded(FrameworkCatalogue before, FrameworkCatalogue after) =>
        Compare(before, after).Where(c => c.Supersedes).Select(c => c.Duty).ToHashSet();
}

public enum DutyChangeKind
{
    Added,
    Removed,
    RoleChanged,
    RhythmChanged,
    PerReportChanged,

    /// <summary>Now owed from another source: the calendar, practice learning days held, or each holder's programme.</summary>
    ScheduleChanged,
    WordingChanged,
}

/// <summary>One change to one duty between two versions.</summary>
/// <param name="Before">The duty in the old version (none when added).</param>
/// <param name="After">The duty in the new version (none when removed).</param>
public sealed record DutyChange(DutyChangeKind Kind, DutyId Duty, Duty? Before, Duty? After)
{
    /// <summary>Open items of the duty are closed as superseded when the new version takes effect.</summary>
    public bool Supersedes => Kind is DutyChangeKind.Removed or DutyChangeKind.RoleChanged or DutyChangeKind.RhythmChanged or DutyChangeKind.PerReportChanged or DutyChangeKind.ScheduleChanged;

    /// <summary>The roles whose holders the change touches: the old role loses the duty, the new one gains it.</summary>
    public IEnumerable<RoleId> Roles => new[] { Before?.RoleId, After?.RoleId }.OfType<RoleId>().Distinct();

    /// <summary>The change in words for a QA lead: "rhythm Monthly → Quarterly".</summary>
    public string Describe() => Kind switch
    {
        DutyChangeKind.Added => $"added ({RhythmDescription.Describe(After!.Rhythm)})",
        DutyChangeKind.Removed => $"removed (was {RhythmDescription.Describe(Before!.Rhythm)})",
        DutyChangeKind.RoleChanged => $"moves from role {Before!.RoleId} to {After!.RoleId}",
        DutyChangeKind.RhythmChanged => $"rhythm {RhythmDescription.Describe(Before!.Rhythm)} → {RhythmDescription.Describe(After!.Rhythm)}",
        DutyChangeKind.PerReportChanged => After!.PerReport ? "now owed once per person managed" : "no longer owed per person managed",
        DutyChangeKind.ScheduleChanged => $"now {SourceWords(After!.ScheduledFrom)}, no longer {SourceWords(Before!.ScheduledFrom)}",
        _ => "wording only (no change to who or how often)",
    };

    private static string SourceWords(DutySource source) => source switch
    {
        DutySource.LearningDaysHeld => "owed after each practice learning day held",
        DutySource.Programme => "planned by each holder in their programme for the year",
        _ => "on the calendar",
    };
}
