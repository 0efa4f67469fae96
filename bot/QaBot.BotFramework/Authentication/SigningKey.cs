using Microsoft.IdentityModel.Tokens;

namespace QaBot.BotFramework.Authentication;

/// <summary>A key from the channel's key set, with the channels that endorse it (for example <c>msteams</c>).</summary>
internal sealed record SigningKey(JsonWebKey Key, IReadOnlySet<string> Endorsements);
