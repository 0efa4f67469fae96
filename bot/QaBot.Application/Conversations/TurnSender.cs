using QaBot.Core.Organisation;

namespace QaBot.Application.Conversations;

/// <summary>Who sent the activity.</summary>
/// <param name="PersonId">The sender's Entra object id, when the channel gave one (Teams always does for people).</param>
/// <param name="ChannelUserId">The sender's channel account id (<c>29:...</c> in Teams).</param>
public sealed record TurnSender(PersonId? PersonId, string ChannelUserId);
