using QaBot.Core.Organisation;

namespace QaBot.Application.Installation;

/// <summary>The last attempt to install QaBot for a person, for operators (<c>qabot graph installs</c>) and for the next run.</summary>
/// <param name="ChatId">The personal chat's id from Graph, when it was found.</param>
/// <param name="Error">Why the last attempt failed: the HTTP status and the service's error code, never more.</param>
/// <param name="FailedAttempts">Failed attempts since the last success.</param>
public sealed record AppInstallRecord(
    PersonId Person,
    AppInstallStatus Status,
    ConversationFollowUp FollowUp,
    string? ChatId,
    string? Error,
    int FailedAttempts,
    DateTimeOffset LastAttemptAt,
    DateTimeOffset? InstalledAt);
