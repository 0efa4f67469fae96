using System.Globalization;
using QaBot.Application.Tracking;
using QaBot.Conversations.Actions;
using QaBot.Conversations.Cards;
using QaBot.Conversations.Digests;
using QaBot.Conversations.Text;
using QaBot.Core.Calendar;
using QaBot.Core.Organisation;
using QaBot.Core.Reminders;
using QaBot.Core.Tracking;

namespace QaBot.Conversations.Overdue;

/// <summary>
/// The answer to "what's overdue in my area": counts by area and duty first, then the longest overdue items with a
/// Nudge button each, ten to a page. Elected members get the counts without names. Someone who leads no area gets
/// their own overdue items, with the buttons to reply to them.
/// </summary>
public sealed class OverdueCardBuilder
{
    public const int MaxAreaGroups = 8;
    public const int MaxDutiesPerArea = 6;

    private readonly ItemPresenter _items;
    private readonly DigestCardBuilder _digests;

    public OverdueCardBuilder(ItemPresenter items, DigestCardBuilder digests)
    {
        _items = items ?? throw new ArgumentNullException(nameof(items));
        _digests = digests ?? throw new ArgumentNullException(nameof(digests));
    }

    public AdaptiveCard Build(OverdueAnswer answer, CardNotice? notice = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var view = new ViewState(CardView.Overdue, answer.Page, answer.Asked?.Id);
        if (answer.Kind == ScopeKind.OwnItems)
        {
            return OwnItems(answer, view, notice);
        }

        var label = Label(answer);
        var body = new List<CardElement>
        {
            new TextBlock { Text = $"Overdue in {label}", Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock
            {
                Text = $"{UkDates.Format(answer.AsOf)} · {answer.Total} overdue" + (answer.Kind == ScopeKind.CountsOnly ? " · counts by area and duty, without staff names" : string.Empty),
                Wrap = true,
                IsSubtle = true,
                Spacing = Spacing.None,
            },
        };

        if (notice is not null)
        {
            body.Add(notice.ToElement());
        }

        if (answer.Restricted)
        {
            body.Add(CardNotice.Information(RestrictedText(answer, label)).ToElement());
        }

        if (answer.Total == 0)
        {
            body.Add(new TextBlock { Text = $"Nothing is overdue in {label}.", Wrap = true, Spacing = Spacing.Medium });
            return Card(body, null, $"QaBot: nothing is overdue in {label}.");
        }

        if (answer.Page == 0 || answer.Kind == ScopeKind.CountsOnly)
        {
            body.AddRange(Counts(answer));
        }

        List<CardAction>? actions = null;
        if (answer.Kind is ScopeKind.Areas or ScopeKind.Department)
        {
            var pages = Pages(answer.Total);
            var page = pages[answer.Page];
            body.Add(new TextBlock
            {
                Text = answer.Page == 0 ? "Longest overdue" : "More overdue items",
                Weight = TextWeight.Bolder,
                Size = TextSize.Medium,
                Spacing = Spacing.Large,
                Wrap = true,
            });
            // The counts come from the model and the items from the index: a write in flight may leave the page one short.
            for (var i = page.First; i < page.Last && i - page.First < answer.Items.Count; i++)
            {
                body.Add(Item(answer, answer.Items[i - page.First], i, view));
            }

            actions = CardPages.Footer(body, pages, answer.Page, answer.Total, p => ActionData.ForView(view.WithPage(p)));
        }

        return Card(body, actions, $"QaBot: {answer.Total} overdue in {label}.");
    }

    /// <summary>The areas the answer covers, for people to read.</summary>
    public static string Label(OverdueAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var names = answer.Areas.Select(a => answer.Tree.Find(a)?.Name ?? a.Value).ToList();
        return names.Count switch
        {
            0 => "your own items",
            1 => names[0],
            _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
        };
    }

    private static string RestrictedText(OverdueAnswer answer, string label)
    {
        var asked = answer.Asked?.Name ?? "that area";
        return answer.Asked is { } area && answer.Areas.Any(a => a.IsWithin(area.Id))
            ? $"You asked about {asked}. You lead only part of it, so this shows {label}."
            : $"You asked about {asked}, which is outside the area you lead, so this shows {label} only.";
    }

    private static List<CardPage> Pages(int count)
    {
        var pages = new List<CardPage>();
        for (var first = 0; first < count; first += OverdueQuery.ItemsPerPage)
        {
            pages.Add(new CardPage(first, Math.Min(count, first + OverdueQuery.ItemsPerPage)));
        }

        if (pages.Count == 0)
        {
            pages.Add(new CardPage(0, 0));
        }

        return pages;
    }

    private IEnumerable<CardElement> Counts(OverdueAnswer answer)
    {
        yield return new TextBlock { Text = "By area and duty", Weight = TextWeight.Bolder, Size = TextSize.Medium, Spacing = Spacing.Large, Wrap = true };
        var byArea = answer.Counts
            .GroupBy(c => c.Area)
            .Select(g => (Area: g.Key, Total: g.Sum(c => c.Count), Oldest: g.Min(c => c.OldestDue), Duties: g.ToList()))
            .OrderByDescending(g => g.Total)
            .ThenBy(g => g.Oldest)
            .ThenBy(g => g.Area.Value, StringComparer.Ordinal)
            .ToList();
        foreach (var group in byArea.Take(MaxAreaGroups))
        {
            var facts = group.Duties
                .OrderByDescending(d => d.Count)
                .ThenBy(d => d.OldestDue)
                .Take(MaxDutiesPerArea)
                .Select(d => new Fact(
                    d.Count.ToString(CultureInfo.InvariantCulture),
                    $"{DutyWording.TitleOf(d.Duty, _items.Catalogue)} · oldest due {UkDates.Format(d.OldestDue)}"))
                .ToList();
            if (group.Duties.Count > MaxDutiesPerArea)
            {
                var rest = group.Duties.Skip(MaxDutiesPerArea).ToList();
                facts.Add(new Fact(rest.Sum(d => d.Count).ToString(CultureInfo.InvariantCulture), $"in {UkDates.Count(rest.Count, "other duty", "other duties")}"));
            }

            yield return new Container
            {
                Separator = true,
                Items =
                [
                    new TextBlock { Text = $"{AreaName(answer, group.Area)}: {group.Total} overdue", Weight = TextWeight.Bolder, Wrap = true },
                    new FactSet { Facts = facts, Spacing = Spacing.Small },
                ],
            };
        }

        if (byArea.Count > MaxAreaGroups)
        {
            var rest = byArea.Skip(MaxAreaGroups).ToList();
            yield return new TextBlock
            {
                Text = $"And {rest.Sum(g => g.Total)} more in {UkDates.Count(rest.Count, "other area")}.",
                Wrap = true,
                IsSubtle = true,
            };
        }
    }

    private Container Item(OverdueAnswer answer, TrackedItem item, int slot, ViewState view)
    {
        var owner = answer.Names.GetValueOrDefault(item.Owner) ?? DigestComposer.UnknownPersonName;
        var concerns = item.Concerns is { } c ? answer.Names.GetValueOrDefault(c) ?? DigestComposer.UnknownPersonName : null;
        var elements = new List<CardElement>
        {
            new TextBlock { Text = $"{owner}: {_items.Title(item, concerns)}", Weight = TextWeight.Bolder, Wrap = true },
            new TextBlock
            {
                Text = $"{_items.Status(item, answer.AsOf)} · {RelativePath(answer, item.Area)}",
                Wrap = true,
                Color = TextColor.Attention,
                Spacing = Spacing.Small,
            },
        };
        if (item.NudgeCount > 0 && item.LastNudgedAt is { } last)
        {
            elements.Add(new TextBlock
            {
                Text = $"Nudged {(item.NudgeCount == 1 ? "once" : UkDates.Count(item.NudgeCount, "time"))}, last on {UkDates.Format(_items.Composer.Rules.Calendar.LocalDateOf(last))}.",
                Wrap = true,
                Size = TextSize.Small,
                IsSubtle = true,
                Spacing = Spacing.None,
            });
        }

        if (item.Owner != answer.Viewer.Id)
        {
            elements.Add(new ActionSet
            {
                Actions = [new ExecuteAction { Title = "Nudge", Verb = CardVerbs.Nudge, Data = ActionData.ForItem(view, item, slot), Tooltip = $"Send {owner} a reminder" }],
            });
        }
        else
        {
            elements.Add(new TextBlock { Text = "Your own item: reply to it from \"my tasks\".", Wrap = true, Size = TextSize.Small, IsSubtle = true, Spacing = Spacing.None });
        }

        return new Container { Separator = true, Spacing = Spacing.Medium, Items = elements };
    }

    private static string AreaName(OverdueAnswer answer, AreaId area) => answer.Tree.Find(area)?.Name ?? area.Value;

    /// <summary>The area's path below the area asked about ("Locality: Chesterfield &gt; Team 1"), or its name when it is that area.</summary>
    private static string RelativePath(OverdueAnswer answer, AreaId area)
    {
        var under = answer.Areas.FirstOrDefault(a => area.IsWithin(a));
        var path = answer.Tree.PathOf(area);
        if (under.Value is null || under == area)
        {
            return answer.Tree.Find(area)?.Name ?? path;
        }

        var prefix = answer.Tree.PathOf(under) + AreaTree.PathSeparator;
        return path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : path;
    }

    private AdaptiveCard OwnItems(OverdueAnswer answer, ViewState view, CardNotice? notice)
    {
        var digest = new Digest(
            answer.Viewer.Id,
            answer.Viewer.DisplayName,
            answer.AsOf,
            answer.Items.Select(i => new DigestItem(i, answer.Viewer.DisplayName, i.Concerns is { } c ? answer.Names.GetValueOrDefault(c) : null, 0)).ToList(),
            [],
            null);
        return _digests.Build(digest, new DigestCardOptions
        {
            View = view,
            Title = "Your overdue items",
            Notice = notice,
            Introduction = answer.Restricted
                ? "You don't lead an area in QaBot's staff list, so I can only show your own items."
                : "You don't lead an area, so this shows your own overdue items.",
            EmptyText = "None of your items are overdue. Well done.",
        });
    }

    private static AdaptiveCard Card(List<CardElement> body, List<CardAction>? actions, string summary) => new()
    {
        Body = body,
        Actions = actions,
        FallbackText = summary,
        MsTeams = new TeamsCardOptions { Width = "Full" },
    };
}
