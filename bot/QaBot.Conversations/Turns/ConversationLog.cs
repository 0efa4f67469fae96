using Microsoft.Extensions.Logging;
using QaBot.Core.Conversations;

namespace QaBot.Conversations.Turns;

/// <summary>The conversation logic's log lines: ids only, never names, notes or what people typed.</summary>
internal static partial class ConversationLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Stored the conversation of person {PersonId} and greeted them")]
    public static partial void Greeted(ILogger logger, string personId);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Install or message from someone not in the directory (object id {PersonId}); told who to contact, stored nothing")]
    public static partial void UnknownPerson(ILogger logger, string personId);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Recorded {Verb} on item {ItemId} for person {PersonId}")]
    public static partial void Recorded(ILogger logger, string verb, string itemId, string personId);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Refused card action {Verb} from person {PersonId}: {Code} ({Reason})")]
    public static partial void Refused(ILogger logger, string verb, string personId, string code, string reason);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information, Message = "Person {PersonId} nudged person {OwnerId} about item {ItemId}")]
    public static partial void Nudged(ILogger logger, string personId, string ownerId, string itemId);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning, Message = "A nudge about item {ItemId} to person {OwnerId} was not delivered: {Status} ({StatusCode})")]
    public static partial void NudgeNotDelivered(ILogger logger, string itemId, string ownerId, SendStatus status, int statusCode);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Information, Message = "Person {PersonId} logged duty {DutyId} as item {ItemId}")]
    public static partial void Logged(ILogger logger, string personId, string dutyId, string itemId);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Warning, Message = "Item {ItemId} kept changing while person {PersonId} replied; nothing was recorded")]
    public static partial void Conflict(ILogger logger, string itemId, string personId);

    [LoggerMessage(EventId = 5108, Level = LogLevel.Warning, Message = "A nudge about item {ItemId} was sent but could not be recorded: {Status}")]
    public static partial void NudgeNotRecorded(ILogger logger, string itemId, string status);

    [LoggerMessage(EventId = 5109, Level = LogLevel.Information, Message = "Person {PersonId} reinstalled into the same conversation within {Window}; not greeted twice")]
    public static partial void AlreadyGreeted(ILogger logger, string personId, TimeSpan window);
}
