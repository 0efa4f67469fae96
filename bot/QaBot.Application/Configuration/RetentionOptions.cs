using System.ComponentModel.DataAnnotations;

namespace QaBot.Application.Configuration;

/// <summary>
/// How long QaBot keeps each kind of record (<c>Retention</c> settings), and when the daily retention run goes. The
/// defaults and the schedules they follow are in docs/privacy.md ("How long"). Periods in whole years count from the
/// date that closes the record (an item's due date, an audit entry's time, a chain's closing, a leaver's last day).
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>The daily retention run (NCRONTAB with seconds, UTC): by default 03:00, after the 01:30 backup.</summary>
    [Required]
    public string Schedule { get; set; } = "0 0 3 * * *";

    /// <summary>Closed tracked items, with their replies, notes and nudges: years after the due date.</summary>
    [Range(1, 100)]
    public int ClosedItemsYears { get; set; } = 6;

    /// <summary>Audit entries (items' and the directory's): years after the entry.</summary>
    [Range(1, 100)]
    public int AuditYears { get; set; } = 7;

    /// <summary>Closed statutory review chains: years after the chain closed.</summary>
    [Range(1, 100)]
    public int ClosedCasesYears { get; set; } = 6;

    /// <summary>
    /// Quality assurance records: reflective case reviews (and audit case records) years after the review was held, and
    /// closed audits years after they were closed, each with its audit trail.
    /// </summary>
    [Range(1, 100)]
    public int QualityAssuranceYears { get; set; } = 6;

    /// <summary>People who have left: pseudonymised this many years after their last day.</summary>
    [Range(1, 100)]
    public int LeaversYears { get; set; } = 6;

    /// <summary>Chats Teams no longer accepts (stale conversation references): removed after this long.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan StaleConversations { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// Reminders planned and sent (the Reminders table's planned reminders and the send ledger's digests with their
    /// attempts): removed this long after the day they were planned for, or the digest last changed. At least 14 days,
    /// twice as long as a queue message lives, so no digest is removed while its message could still come back; and
    /// never less than <c>Reminders:MaxCatchUp</c>, so a run catching up still finds the reminders it must send.
    /// </summary>
    [Range(typeof(TimeSpan), "14.00:00:00", "3650.00:00:00")]
    public TimeSpan SentReminders { get; set; } = TimeSpan.FromDays(90);
}
