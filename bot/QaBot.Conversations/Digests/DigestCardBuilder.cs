using QaBot.Application.Assurance;
using QaBot.Conversations.Actions;
using QaBot.Conversations.Cards;
using QaBot.Conversations.Text;
using QaBot.Core.Calendar;
using QaBot.Core.Reminders;

namespace QaBot.Conversations.Digests;

/// <summary>
/// The digest card: the person's own items that are due or overdue, each with Done, Reschedule and Not applicable,
/// then the overdue items escalated to them from their team, each with Nudge. Long digests page ("Show more") so that
/// the card always fits in a Teams message.
/// </summary>
public sealed class DigestCardBuilder
{
    public const string DefaultTitle = "What's due for you";
    public const string DefaultEmptyText = "Nothing is due or overdue for you at the moment. I'll message you when something is.";

    /// <summary>The most items shown with their buttons on one page; fewer when they would not fit.</summary>
    public const int MaxItemsPerPage = 10;

    /// <summary>The most items listed under "Coming up"; the rest are counted.</summary>
    public const int MaxUpcomingShown = 8;

    public const string UpcomingHeading = "Coming up in the next four weeks";

    /// <summary>The most lines of a manager's "set aside" section shown; the rest are counted.</summary>
    public const int MaxSetAsideShown = 6;

    private readonly ItemPresenter _items;

    public DigestCardBuilder(ItemPresenter items)
    {
        _items = items ?? throw new ArgumentNullException(nameof(items));
    }

    public AdaptiveCard Build(Digest digest, DigestCardOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(digest);
        options ??= new DigestCardOptions();
        var view = options.View;
        var entries = new List<CardElement>(digest.OwnItems.Count + digest.Escalated.Count);
        for (var i = 0; i < digest.OwnItems.Count; i++)
        {
            entries.Add(OwnItem(digest.OwnItems[i], i, view, digest.AsOf));
        }

        for (var i = 0; i < digest.Escalated.Count; i++)
        {
            entries.Add(EscalatedItem(digest.Escalated[i], digest.OwnItems.Count + i, view, digest.AsOf));
        }

        var pages = CardPages.Split(entries, MaxItemsPerPage);
        var page = Math.Min(view.Page, Math.Max(0, pages.Count - 1));
        return Build(digest, options, pages, page);
    }

    /// <summary>A one-line summary for notifications and clients that cannot show cards.</summary>
    public string Summary(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (digest.IsEmpty)
        {
            return "QaBot: nothing is due for you.";
        }

        var overdue = digest.OwnItems.Count(i => _items.IsOverdue(i.Item, digest.AsOf));
        var parts = new List<string>();
        if (overdue > 0)
        {
            parts.Add($"{overdue} overdue");
        }

        if (digest.OwnItems.Count - overdue > 0)
        {
            parts.Add($"{digest.OwnItems.Count - overdue} due soon");
        }

        if (digest.Escalated.Count > 0)
        {
            parts.Add($"{UkDates.Count(digest.Escalated.Count, "item")} overdue in your team");
        }

        return "QaBot: " + string.Join(", ", parts) + ".";
    }

    private AdaptiveCard Build(Digest digest, DigestCardOptions options, IReadOnlyList<CardPage> pages, int page)
    {
        var view = options.View;
        var body = new List<CardElement>
        {
            new TextBlock { Text = options.Title ?? DefaultTitle, Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock { Text = Counts(digest), Wrap = true, IsSubtle = true, Spacing = Spacing.None },
        };

        if (options.Notice is { } notice)
        {
            body.Add(notice.ToElement());
        }

        if (options.Introduction is { } introduction)
        {
            body.Add(new TextBlock { Text = introduction, Wrap = true });
        }

        var total = digest.OwnItems.Count + digest.Escalated.Count;
        if (total == 0)
        {
            body.Add(new TextBlock { Text = options.EmptyText ?? DefaultEmptyText, Wrap = true, Spacing = Spacing.Medium });
            AddSetAside(body, digest);
            AddProgrammesShort(body, digest);
            AddUpcoming(body, digest);
            return Card(digest, body, null);
        }

        var (first, last) = (pages[page].First, pages[page].Last);
        var pageView = view.WithPage(page);
        var own = digest.OwnItems.Count;
        if (first < own)
        {
            body.Add(Heading(digest.Escalated.Count > 0 ? "Your items" : null, own));
            for (var i = first; i < Math.Min(last, own); i++)
            {
                body.Add(OwnItem(digest.OwnItems[i], i, pageView, digest.AsOf));
            }
        }

        if (last > own)
        {
            var escalatedCount = digest.Escalated.Count;
            body.Add(Heading(
                $"{UkDates.Count(escalatedCount, "item")} in your team {(escalatedCount == 1 ? "is" : "are")} overdue",
                escalatedCount));
            for (var i = Math.Max(first, own); i < last; i++)
            {
                body.Add(EscalatedItem(digest.Escalated[i - own], i, pageView, digest.AsOf));
            }
        }

        if (page == pages.Count - 1)
        {
            AddSetAside(body, digest);
            AddProgrammesShort(body, digest);
            AddUpcoming(body, digest);
        }

        var actions = CardPages.Footer(body, pages, page, total, p => ActionData.ForView(view.WithPage(p)));
        return Card(digest, body, actions);
    }

    /// <summary>
    /// For a line manager: what their reports set aside as not applicable since <see cref="Digest.SetAsideFrom"/>, a line
    /// per person and duty with the reasons given, repeated use of one duty first and marked.
    /// </summary>
    private void AddSetAside(List<CardElement> body, Digest digest)
    {
        if (digest.SetAside.Count == 0)
        {
            return;
        }

        var total = digest.SetAside.Sum(u => u.Times);
        var repeated = digest.SetAside.Count(u => u.Repeated);
        body.Add(Heading($"Set aside as not applicable in your team since {UkDates.Format(digest.SetAsideFrom)}", total));
        body.Add(new TextBlock
        {
            Text = repeated == 0
                ? $"{UkDates.Count(total, "item")}, none of them the same duty twice by one person."
                : $"{UkDates.Count(total, "item")}; {UkDates.Count(repeated, "duty", "duties")} set aside repeatedly by the same person, worth a word in supervision.",
            Wrap = true,
            IsSubtle = true,
            Spacing = Spacing.None,
        });
        foreach (var use in digest.SetAside.Take(MaxSetAsideShown))
        {
            var reasons = string.Join(", ", use.Reasons.Select(r => r.Times == 1 ? _items.NotApplicableReasonLabel(r.Reason) : $"{_items.NotApplicableReasonLabel(r.Reason)} ({r.Times})"));
            var title = DutyWording.TitleOf(use.Duty, _items.Catalogue);
            body.Add(new TextBlock
            {
                Text = use.Repeated
                    ? $"**Repeated:** {use.OwnerName}, {title}: {Times(use.Times)}, latest due {UkDates.Format(use.Latest)}. Reasons: {reasons}."
                    : $"{use.OwnerName}, {title}: once, due {UkDates.Format(use.Latest)}. Reason: {reasons}.",
                Wrap = true,
                Spacing = Spacing.Small,
                Color = use.Repeated ? TextColor.Attention : null,
            });
        }

        var more = digest.SetAside.Count - MaxSetAsideShown;
        if (more > 0)
        {
            body.Add(new TextBlock { Text = $"and {more} more.", Wrap = true, Size = TextSize.Small, IsSubtle = true, Spacing = Spacing.Small });
        }
    }

    /// <summary>
    /// Programmes of visits or meetings with fewer entries planned than the framework's number a year: the recipient's
    /// own, with how to add to them, then those of the people who report to them.
    /// </summary>
    private static void AddProgrammesShort(List<CardElement> body, Digest digest)
    {
        if (digest.ProgrammesShort.Count == 0)
        {
            return;
        }

        body.Add(Heading("Programmes of visits and meetings to plan", digest.ProgrammesShort.Count));
        foreach (var shortfall in digest.ProgrammesShort)
        {
            var own = shortfall.Person == digest.Recipient;
            body.Add(new TextBlock
            {
                Text = ProgrammeText.Shortfall(shortfall, forManager: !own) + (own ? ": say \"my programme\" to add the rest." : "."),
                Wrap = true,
                Spacing = Spacing.Small,
                Color = TextColor.Attention,
            });
        }
    }

    private static string Times(int times) => times == 2 ? "twice" : $"{times} times";

    /// <summary>What falls due in the weeks ahead, before its reminders start: a line each, no buttons, soonest first.</summary>
    private void AddUpcoming(List<CardElement> body, Digest digest)
    {
        if (digest.Upcoming.Count == 0)
        {
            return;
        }

        body.Add(Heading(UpcomingHeading, digest.Upcoming.Count));
        foreach (var entry in digest.Upcoming.Take(MaxUpcomingShown))
        {
            body.Add(new TextBlock
            {
                Text = $"{UkDates.Format(entry.Item.EffectiveDue)}: {_items.Title(entry.Item, entry.ConcernsName)}",
                Wrap = true,
                Spacing = Spacing.Small,
            });
        }

        var more = digest.Upcoming.Count - MaxUpcomingShown;
        body.Add(new TextBlock
        {
            Text = more > 0
                ? $"and {UkDates.Count(more, "more item")}. I'll remind you of each as it comes due."
                : "I'll remind you of each as it comes due.",
            Wrap = true,
            Size = TextSize.Small,
            IsSubtle = true,
            Spacing = Spacing.Small,
        });
    }

    private AdaptiveCard Card(Digest digest, List<CardElement> body, List<CardAction>? actions) => new()
    {
        Body = body,
        Actions = actions,
        FallbackText = Summary(digest),
        MsTeams = new TeamsCardOptions { Width = "Full" },
    };

    private string Counts(Digest digest)
    {
        var overdue = digest.OwnItems.Count(i => _items.IsOverdue(i.Item, digest.AsOf));
        var due = digest.OwnItems.Count - overdue;
        var parts = new List<string> { UkDates.Format(digest.AsOf) };
        if (overdue > 0)
        {
            parts.Add($"{overdue} overdue");
        }

        if (due > 0)
        {
            parts.Add($"{due} due soon");
        }

        if (digest.Escalated.Count > 0)
        {
            parts.Add($"{digest.Escalated.Count} overdue in your team");
        }

        if (digest.Upcoming.Count > 0)
        {
            parts.Add($"{digest.Upcoming.Count} coming up");
        }

        return string.Join(" · ", parts);
    }

    private static TextBlock Heading(string? text, int count) => new()
    {
        Text = text ?? (count == 1 ? "Your item" : "Your items"),
        Weight = TextWeight.Bolder,
        Size = TextSize.Medium,
        Spacing = Spacing.Large,
        Wrap = true,
    };

    private Container OwnItem(DigestItem entry, int slot, ViewState view, DateOnly asOf)
    {
        var items = new List<CardElement>
        {
            new TextBlock { Text = _items.Title(entry.Item, entry.ConcernsName), Weight = TextWeight.Bolder, Wrap = true },
        };
        if (entry.CoveringFor is { } away)
        {
            items.Add(new TextBlock { Text = $"Covering for {away} while they are away", IsSubtle = true, Spacing = Spacing.None, Wrap = true });
        }

        items.AddRange(_items.Details(entry.Item, asOf, showNudges: true));
        items.Add(_items.ReplyActions(entry.Item, slot, view, asOf));
        return new Container { Separator = true, Spacing = Spacing.Medium, Items = items };
    }

    private Container EscalatedItem(DigestItem entry, int slot, ViewState view, DateOnly asOf)
    {
        var items = new List<CardElement>
        {
            new TextBlock { Text = $"{entry.OwnerName}: {_items.Title(entry.Item, entry.ConcernsName)}", Weight = TextWeight.Bolder, Wrap = true },
        };
        items.AddRange(_items.Details(entry.Item, asOf, showNudges: true));
        items.Add(new TextBlock
        {
            Text = entry.OwnerIsMember
                ? "An elected member's item, sent to you as member support. Members are not staff: there is no Nudge; raise it with them as you usually would."
                : entry.EscalationLevel >= 2
                ? "Escalated to you as the next level up: it is still overdue with their line manager."
                : "Escalated to you as their line manager.",
            Wrap = true,
            Size = TextSize.Small,
            IsSubtle = true,
            Spacing = Spacing.None,
        });
        if (entry.OwnerIsMember)
        {
            return new Container { Separator = true, Spacing = Spacing.Medium, Items = items };
        }

        items.Add(new ActionSet
        {
            Actions = [new ExecuteAction { Title = "Nudge", Verb = CardVerbs.Nudge, Data = ActionData.ForItem(view, entry.Item, slot), Tooltip = $"Send {entry.OwnerName} a reminder" }],
        });
        return new Container { Separator = true, Spacing = Spacing.Medium, Items = items };
    }
}
