namespace QaBot.Core.Framework;

/// <summary>A duty that is a meeting the role chairs or attends, so calendar work can find it.</summary>
public enum MeetingPart
{
    Chair,
    Attend,
}
