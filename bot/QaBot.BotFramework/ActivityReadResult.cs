using QaBot.BotFramework.Schema;

namespace QaBot.BotFramework;

/// <summary>An activity read from a request body, or the short reason it could not be.</summary>
internal readonly record struct ActivityReadResult(Activity? Activity, string? Error)
{
    public static ActivityReadResult Ok(Activity activity) => new(activity, null);

    public static ActivityReadResult Invalid(string error) => new(null, error);
}
