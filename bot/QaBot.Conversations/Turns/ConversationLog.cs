using Microsoft.Extensions.Logging;

namespace QaBot.Conversations.Turns;

/// <summary>The conversation logic's log lines: ids only, never names, notes or what people typed.</summary>
internal static partial class ConversationLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Install or message from someone not in the directory (object id {PersonId}); told who to contact, stored nothing")]
    public static partial void UnknownPerson(ILogger logger, string personId);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Refused card action {Verb} from person {PersonId}: {Code} ({Reason})")]
    public static partial void Refused(ILogger logger, string verb, string personId, string code, string reason);
}
