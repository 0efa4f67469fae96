using QaBot.Core.Meetings;

namespace QaBot.Application.Meetings;

/// <summary>What a meetings sync did. It succeeded only when every planned change was made and the plan had no problems.</summary>
public sealed class BoardSyncResult(BoardPlan plan)
{
    private readonly object _gate = new();
    private readonly List<string> _failures = [];
    private readonly List<string> _conflicts = [];
    private int _created;
    private int _updated;
    private int _unchanged;
    private int _cancelled;
    private int _recreated;

    public BoardPlan Plan { get; } = plan;

    public int Created => _created;

    public int Updated => _updated;

    public int Unchanged => _unchanged;

    public int Cancelled => _cancelled;

    /// <summary>Events found deleted in the calendar (by hand) and created again.</summary>
    public int Recreated => _recreated;

    /// <summary>Changes the calendar service refused, one line each (ids and HTTP status, no names).</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_gate)
            {
                return [.. _failures];
            }
        }
    }

    /// <summary>Records another sync changed meanwhile: left for the next run.</summary>
    public IReadOnlyList<string> Conflicts
    {
        get
        {
            lock (_gate)
            {
                return [.. _conflicts];
            }
        }
    }

    public bool Succeeded => Plan.Problems.Count == 0 && Failures.Count == 0 && Conflicts.Count == 0;

    internal void Count(BoardMeetingAction action)
    {
        switch (action)
        {
            case BoardMeetingAction.Create: Interlocked.Increment(ref _created); break;
            case BoardMeetingAction.Update: Interlocked.Increment(ref _updated); break;
            case BoardMeetingAction.Unchanged: Interlocked.Increment(ref _unchanged); break;
            case BoardMeetingAction.Cancel: Interlocked.Increment(ref _cancelled); break;
            default: throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }

    internal void CountRecreated() => Interlocked.Increment(ref _recreated);

    internal void Fail(string what)
    {
        lock (_gate)
        {
            _failures.Add(what);
        }
    }

    internal void Conflict(string what)
    {
        lock (_gate)
        {
            _conflicts.Add(what);
        }
    }
}
