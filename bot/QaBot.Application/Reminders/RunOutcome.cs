namespace QaBot.Application.Reminders;

public enum RunOutcomeKind
{
    /// <summary>The run covered new time and queued its digests.</summary>
    Completed,

    /// <summary>Everything up to this moment was covered already.</summary>
    NothingNew,

    /// <summary>Another run is in progress (another instance, or the local scheduler beside <c>qabot tick</c>).</summary>
    Busy,
}

/// <summary>What one call of the reminder run did: the runs it completed (a resumed one, then a new one) and why it stopped.</summary>
public sealed record RunOutcome(RunOutcomeKind Kind, IReadOnlyList<ReminderRun> Runs)
{
    public int Digests => Runs.Sum(r => r.Digests);
}
