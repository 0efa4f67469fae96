using System.Text;

namespace QaBot.Conversations.Cards;

/// <summary>
/// Teams refuses a message over about 28 KB, activity and all. QaBot keeps every card's JSON under
/// <see cref="MaxBytes"/>, leaving room for the activity around it; long lists page instead.
/// </summary>
public static class CardSize
{
    public const int MaxBytes = 20 * 1024;

    public static int BytesOf(string json) => Encoding.UTF8.GetByteCount(json);

    public static bool Fits(string json) => BytesOf(json) <= MaxBytes;
}
