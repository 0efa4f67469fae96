using System.Globalization;
using System.Text.Json.Nodes;
using QaBot.Conversations.Actions;

namespace QaBot.Conversations.Cards;

/// <summary>One page of a long list: the entries from <see cref="First"/> up to (not including) <see cref="Last"/>.</summary>
public readonly record struct CardPage(int First, int Last);

/// <summary>
/// Splits a long list of card entries into pages that each fit in a Teams message, measured entry by entry so that
/// the pages are the same whichever page is asked for.
/// </summary>
public static class CardPages
{
    /// <summary>Room kept for the heading, notices, section titles and the page footer.</summary>
    public const int Overhead = 4 * 1024;

    private static readonly int EmptyCardBytes = CardSize.BytesOf(new AdaptiveCard().ToJson());

    public static IReadOnlyList<CardPage> Split(IReadOnlyList<CardElement> entries, int maxPerPage, int budget = CardSize.MaxBytes - Overhead)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var pages = new List<CardPage>();
        var first = 0;
        var used = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var size = CardSize.BytesOf(new AdaptiveCard { Body = [entries[i]] }.ToJson()) - EmptyCardBytes;
            if (i > first && (i - first >= maxPerPage || used + size > budget))
            {
                pages.Add(new CardPage(first, i));
                first = i;
                used = 0;
            }

            used += size;
        }

        if (entries.Count > first || pages.Count == 0)
        {
            pages.Add(new CardPage(first, entries.Count));
        }

        return pages;
    }

    /// <summary>Adds "Showing 1 to 10 of 30." to the body and returns the Show more / Back to the start buttons (null for a single page).</summary>
    public static List<CardAction>? Footer(List<CardElement> body, IReadOnlyList<CardPage> pages, int page, int total, Func<int, JsonObject> dataForPage)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(dataForPage);
        if (pages.Count <= 1)
        {
            return null;
        }

        body.Add(new TextBlock
        {
            Text = string.Create(CultureInfo.InvariantCulture, $"Showing {pages[page].First + 1} to {pages[page].Last} of {total}."),
            Wrap = true,
            IsSubtle = true,
            Spacing = Spacing.Medium,
        });
        var actions = new List<CardAction>();
        if (page + 1 < pages.Count)
        {
            actions.Add(new ExecuteAction { Title = "Show more", Verb = CardVerbs.Page, Data = dataForPage(page + 1) });
        }

        if (page > 0)
        {
            actions.Add(new ExecuteAction { Title = "Back to the start", Verb = CardVerbs.Page, Data = dataForPage(0) });
        }

        return actions;
    }
}
