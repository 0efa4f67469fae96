namespace QaBot.Core.Scheduling;

/// <summary>Where a due date that lands on a weekend or bank holiday moves to.</summary>
public enum NonWorkingDayRule
{
    PreviousWorkingDay,
    NextWorkingDay,
}
