namespace QaBot.Application.Conversations;

/// <summary>The keys of the <see cref="IConversationSender"/> registrations that behave differently from the default one.</summary>
public static class ConversationSenders
{
    /// <summary>
    /// The reminder sender's: one HTTP attempt per call and no retries of its own, because the send ledger and the
    /// shared send budget decide what is sent again.
    /// </summary>
    public const string Reminders = "reminders";
}
