using System.ComponentModel.DataAnnotations;

namespace QaBot.Conversations;

/// <summary>
/// What the bot says that the council may want to word its own way: keys in the <c>Bot</c> section beside the protocol
/// layer's own (<c>Bot:SupportContact</c>).
/// </summary>
public sealed class ConversationsOptions
{
    public const string Section = "Bot";

    public const string DefaultSupportContact = "the QA team in Performance, Quality & Partnerships";

    /// <summary>Who people should contact when QaBot does not know them or cannot help ("the QA team ...", an e-mail address).</summary>
    [Required]
    [MaxLength(300)]
    public string SupportContact { get; set; } = DefaultSupportContact;
}
