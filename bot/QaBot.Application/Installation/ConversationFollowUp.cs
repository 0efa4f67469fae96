namespace QaBot.Application.Installation;

/// <summary>After an install: how QaBot will be able to message the person.</summary>
public enum ConversationFollowUp
{
    /// <summary>Nothing more: the install failed, or there was nothing to follow up.</summary>
    None,

    /// <summary>Teams tells the bot about the new install (installationUpdate) and the bot saves the conversation then.</summary>
    WaitingForTeams,

    /// <summary>QaBot saved the personal chat's id from Graph in place of the stale conversation, so reminders can go at once.</summary>
    ReferenceSaved,

    /// <summary>The app is installed, yet sending to the person keeps failing: they may have blocked QaBot. Only they can undo that.</summary>
    ConversationStillStale,

    /// <summary>The app was already installed but QaBot never heard from the chat: the conversation is saved when the person next opens QaBot.</summary>
    WaitingForPerson,
}
