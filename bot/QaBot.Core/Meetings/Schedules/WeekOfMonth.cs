namespace QaBot.Core.Meetings.Schedules;

/// <summary>Which of a weekday's occurrences in a month (or a half-term) a meeting falls on.</summary>
public enum WeekOfMonth
{
    First = 1,
    Second = 2,
    Third = 3,
    Fourth = 4,
    Last = 5,
}
