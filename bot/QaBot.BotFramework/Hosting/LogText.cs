namespace QaBot.BotFramework.Hosting;

/// <summary>
/// Makes a value a caller chose (an activity's type, name or id, a header) safe to put in a log: printable ASCII
/// only, so a newline cannot forge a log line, and short, so a caller cannot fill the logs.
/// </summary>
internal static class LogText
{
    public const int MaxLength = 64;

    public static string Safe(string? value, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "-";
        }

        var length = Math.Min(value.Length, maxLength);
        return string.Create(length + (value.Length > maxLength ? 3 : 0), (value, length), static (span, state) =>
        {
            for (var i = 0; i < state.length; i++)
            {
                var c = state.value[i];
                span[i] = c is >= ' ' and <= '~' ? c : '?';
            }

            span[state.length..].Fill('.');
        });
    }
}
