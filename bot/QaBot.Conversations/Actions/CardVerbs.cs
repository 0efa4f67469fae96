using QaBot.Application.Assurance;
using QaBot.Application.Tracking;

namespace QaBot.Conversations.Actions;

/// <summary>The verbs of QaBot's <c>Action.Execute</c> buttons. Anything else that arrives is refused.</summary>
public static class CardVerbs
{
    public const string Done = RecordReply.DoneVerb;
    public const string Reschedule = RecordReply.RescheduleVerb;
    public const string NotApplicable = RecordReply.NotApplicableVerb;
    public const string Nudge = "item.nudge";
    public const string Page = "view.page";
    public const string Refresh = "view.refresh";
    public const string LogActivity = "activity.log";
    public const string Approve = "approval.approve";
    public const string Decline = "approval.decline";
    public const string ReviewSubmit = RecordReview.SubmitVerb;
    public const string RecordLeave = "leave.record";
    public const string ArrangeAudit = "audit.arrange";
    public const string AddProgrammeEntry = "programme.add";

    public static bool IsItemReply(string verb) => verb is Done or Reschedule or NotApplicable;

    public static bool IsApproval(string verb) => verb is Approve or Decline;

    public static bool IsKnown(string verb) => verb is Done or Reschedule or NotApplicable or Nudge or Page or Refresh or LogActivity or Approve or Decline or ReviewSubmit or RecordLeave or ArrangeAudit or AddProgrammeEntry;
}
