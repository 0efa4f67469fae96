namespace QaBot.Conversations.Actions;

/// <summary>Which answer a card shows, so that a button press can answer with the same card, refreshed.</summary>
public enum CardView
{
    /// <summary>"My tasks": the digest, the same the scheduler sends.</summary>
    Digest,

    /// <summary>"Due this week".</summary>
    Week,

    /// <summary>"What's overdue in my area".</summary>
    Overdue,

    /// <summary>The "Log activity" form.</summary>
    LogActivity,

    /// <summary>The "Record leave" form.</summary>
    Leave,

    /// <summary>"My programme": the person's programmes of visits and meetings, with the form to add to them.</summary>
    Programme,
}
