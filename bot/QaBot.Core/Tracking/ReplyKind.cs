namespace QaBot.Core.Tracking;

public enum ReplyKind
{
    Done,
    Rescheduled,
    NotApplicable,
}
