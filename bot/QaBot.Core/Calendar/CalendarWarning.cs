namespace QaBot.Core.Calendar;

/// <summary>Something an operator should act on in the calendar data, with the file to edit.</summary>
public sealed record CalendarWarning(CalendarWarningKind Kind, string File, string Message)
{
    public override string ToString() => Message;
}

public enum CalendarWarningKind
{
    /// <summary>The data ends within the warning horizon: add the next year.</summary>
    RunsOut,

    /// <summary>Provisional data is in use within the warning horizon: confirm or replace it.</summary>
    Provisional,
}
