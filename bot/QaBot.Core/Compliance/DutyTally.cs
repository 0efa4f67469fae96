namespace QaBot.Core.Compliance;

/// <summary>
/// The counts for one duty in one area and month: how many items fell due, and how each ended or stands. Open items are
/// kept by the date they are due now, so the overdue count follows from a cut-off date at read time.
/// </summary>
public sealed class DutyTally
{
    public int OnTime { get; private set; }

    public int Late { get; private set; }

    /// <summary>Not applicable, by reason code.</summary>
    public SortedDictionary<string, int> NotApplicable { get; } = new(StringComparer.Ordinal);

    /// <summary>Closed for another reason, by reason code.</summary>
    public SortedDictionary<string, int> ClosedOther { get; } = new(StringComparer.Ordinal);

    /// <summary>Open items by the date they are due now.</summary>
    public SortedDictionary<DateOnly, int> Open { get; } = [];

    public int NotApplicableTotal => NotApplicable.Values.Sum();

    public int ClosedOtherTotal => ClosedOther.Values.Sum();

    public int OpenTotal => Open.Values.Sum();

    /// <summary>Every item that fell due in the month, whatever became of it.</summary>
    public int Due => OnTime + Late + NotApplicableTotal + ClosedOtherTotal + OpenTotal;

    public bool IsEmpty => Due == 0;

    /// <summary>True when it holds no count at all, not even a negative one.</summary>
    public bool HasNoCounts => OnTime == 0 && Late == 0 && NotApplicable.Count == 0 && ClosedOther.Count == 0 && Open.Count == 0;

    /// <summary>Open items due before <paramref name="dueBefore"/>: those overdue when that is the council's cut-off.</summary>
    public int OpenDueBefore(DateOnly dueBefore) => Open.Where(o => o.Key < dueBefore).Sum(o => o.Value);

    /// <summary>Adds (<paramref name="sign"/> 1) or takes away (-1) one item's entry.</summary>
    public void Apply(ComplianceEntry entry, int sign)
    {
        if (sign is not (1 or -1))
        {
            throw new ArgumentOutOfRangeException(nameof(sign), sign, "An entry is added (1) or taken away (-1).");
        }

        switch (entry.Outcome)
        {
            case ComplianceOutcome.OnTime:
                OnTime += sign;
                break;
            case ComplianceOutcome.Late:
                Late += sign;
                break;
            case ComplianceOutcome.NotApplicable:
                Bump(NotApplicable, entry.Reason ?? ComplianceEntry.OtherReason, sign);
                break;
            case ComplianceOutcome.ClosedOther:
                Bump(ClosedOther, entry.Reason ?? ComplianceEntry.OtherReason, sign);
                break;
            default:
                Bump(Open, entry.OpenDue, sign);
                break;
        }
    }

    /// <summary>Adds every count of <paramref name="other"/> to this one.</summary>
    public void Add(DutyTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        OnTime += other.OnTime;
        Late += other.Late;
        foreach (var (reason, n) in other.NotApplicable)
        {
            Bump(NotApplicable, reason, n);
        }

        foreach (var (reason, n) in other.ClosedOther)
        {
            Bump(ClosedOther, reason, n);
        }

        foreach (var (due, n) in other.Open)
        {
            Bump(Open, due, n);
        }
    }

    /// <summary>Sets the counts read back from storage.</summary>
    public static DutyTally From(int onTime, int late, IEnumerable<KeyValuePair<string, int>> notApplicable, IEnumerable<KeyValuePair<string, int>> closedOther, IEnumerable<KeyValuePair<DateOnly, int>> open)
    {
        var tally = new DutyTally { OnTime = onTime, Late = late };
        foreach (var (reason, n) in notApplicable)
        {
            Bump(tally.NotApplicable, reason, n);
        }

        foreach (var (reason, n) in closedOther)
        {
            Bump(tally.ClosedOther, reason, n);
        }

        foreach (var (due, n) in open)
        {
            Bump(tally.Open, due, n);
        }

        return tally;
    }

    /// <summary>True when both hold the same counts.</summary>
    public bool SameCounts(DutyTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return OnTime == other.OnTime && Late == other.Late
            && NotApplicable.SequenceEqual(other.NotApplicable)
            && ClosedOther.SequenceEqual(other.ClosedOther)
            && Open.SequenceEqual(other.Open);
    }

    private static void Bump<TKey>(SortedDictionary<TKey, int> counts, TKey key, int by)
        where TKey : notnull
    {
        var n = counts.GetValueOrDefault(key) + by;
        if (n == 0)
        {
            counts.Remove(key);
        }
        else
        {
            counts[key] = n;
        }
    }
}
