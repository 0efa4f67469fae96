namespace QaBot.Testing.Connector;

/// <summary>Checks recorded request times against a rate limit: the most requests in any window of the given length.</summary>
public static class RateWindows
{
    /// <summary>The largest number of times that fall within any window [t, t + length).</summary>
    public static int MaxInAnyWindow(IEnumerable<TimeSpan> times, TimeSpan length)
    {
        ArgumentNullException.ThrowIfNull(times);
        var sorted = times.OrderBy(t => t).ToArray();
        var max = 0;
        var start = 0;
        for (var end = 0; end < sorted.Length; end++)
        {
            while (sorted[end] - sorted[start] >= length)
            {
                start++;
            }

            max = Math.Max(max, end - start + 1);
        }

        return max;
    }

    /// <summary>The most requests to any one conversation within any window.</summary>
    public static int MaxPerConversation(IEnumerable<ConnectorRequest> requests, TimeSpan length) =>
        requests.GroupBy(r => r.ConversationId).Select(g => MaxInAnyWindow(g.Select(r => r.At), length)).DefaultIfEmpty(0).Max();
}
