using System.Text.Json;
using System.Text.Json.Serialization;

namespace QaBot.BotFramework.Schema;

/// <summary>The wire format: camelCase names, nulls omitted, unknown members ignored, as the Bot Framework uses.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    MaxDepth = 64)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(AdaptiveCardInvokeResponse))]
[JsonSerializable(typeof(InvokeError))]
[JsonSerializable(typeof(TenantChannelData))]
[JsonSerializable(typeof(string))]
internal sealed partial class BotFrameworkJson : JsonSerializerContext;
