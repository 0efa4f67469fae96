namespace QaBot.Application.Reminders;

public enum RunState
{
    /// <summary>Working out what is due and queuing digests (or died doing so: see <see cref="ReminderRun.LeaseUntil"/>).</summary>
    Planning,

    /// <summary>Every digest is on the queue; senders deliver them (the send ledger shows how far they got).</summary>
    Queued,

    /// <summary>The run stopped with an error before every digest was queued; the next run starts it again.</summary>
    Failed,
}
