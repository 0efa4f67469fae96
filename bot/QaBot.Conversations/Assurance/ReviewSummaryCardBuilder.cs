using System.Globalization;
using QaBot.Conversations.Cards;
using QaBot.Core.Calendar;
using QaBot.Core.Assurance;

namespace QaBot.Conversations.Assurance;

/// <summary>
/// The answer to "themes this quarter": how many reflective case reviews were held, the judgements, the themes most
/// often identified, reviews by service and what became of their actions. Counts only: no cases, practitioners or
/// reviewers. Whoever asks sees the reviews they may read and no others.
/// </summary>
public static class ReviewSummaryCardBuilder
{
    /// <summary>Themes listed on the card, most often identified first; the rest are in the workbook.</summary>
    public const int MaxThemes = 6;

    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static AdaptiveCard Build(ReviewSummary summary, string periodLabel)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentException.ThrowIfNullOrWhiteSpace(periodLabel);
        var title = $"Reflective case reviews {periodLabel}";
        var body = new List<CardElement>
        {
            new TextBlock { Text = title, Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock
            {
                Text = $"{UkDates.Format(summary.From)} to {UkDates.Format(summary.To)} · the reviews you may read: your own, your line's, or all for the QA team",
                Wrap = true,
                IsSubtle = true,
                Spacing = Spacing.None,
            },
        };

        if (summary.Reviews == 0)
        {
            var none = $"No reflective case reviews you may read were recorded {periodLabel}.";
            body.Add(new TextBlock { Text = none, Wrap = true, Spacing = Spacing.Medium });
            return AdaptiveCard.FullWidth(body, "QaBot: " + none);
        }

        var headline = $"{UkDates.Count(summary.Reviews, "review", "reviews")} held";
        body.Add(new TextBlock { Text = headline, Wrap = true, Size = TextSize.Medium, Weight = TextWeight.Bolder, Spacing = Spacing.Medium });
        body.Add(new FactSet { Facts = [.. summary.Judgements.Select(j => new Fact(j.Judgement, j.Count.ToString("N0", EnGb)))], Spacing = Spacing.Small });

        body.Add(new TextBlock { Text = "Themes identified", Weight = TextWeight.Bolder, Size = TextSize.Medium, Spacing = Spacing.Large, Wrap = true });
        body.Add(summary.Themes.Count == 0
            ? new TextBlock { Text = "No themes were tagged.", Wrap = true, IsSubtle = true }
            : new FactSet
            {
                Facts = [.. summary.Themes.Take(MaxThemes).Select(t => new Fact(t.Theme, $"{UkDates.Count(t.Count, "review", "reviews")} ({(double)t.Count / summary.Reviews:0%})"))],
                Spacing = Spacing.Small,
            });

        body.Add(new TextBlock { Text = "By service", Weight = TextWeight.Bolder, Size = TextSize.Medium, Spacing = Spacing.Large, Wrap = true });
        body.Add(new FactSet
        {
            Facts = [.. summary.Services.Select(s => new Fact(s.Name, UkDates.Count(s.Reviews, "review", "reviews") + (s.TopTheme is { } theme ? $" · most often: {theme}" : string.Empty)))],
            Spacing = Spacing.Small,
        });

        var actions = summary.Actions;
        body.Add(new TextBlock { Text = "Actions", Weight = TextWeight.Bolder, Size = TextSize.Medium, Spacing = Spacing.Large, Wrap = true });
        body.Add(new TextBlock
        {
            Text = $"{UkDates.Count(actions.Raised, "action", "actions")} raised · {actions.Done.ToString("N0", EnGb)} done · {actions.Open.ToString("N0", EnGb)} still open, {actions.Overdue.ToString("N0", EnGb)} of them overdue",
            Wrap = true,
            Spacing = Spacing.Small,
        });
        body.Add(new TextBlock
        {
            Text = "The QA team can produce the full summary by service and month, as a workbook (qabot reviews summary).",
            Wrap = true,
            IsSubtle = true,
            Spacing = Spacing.Medium,
        });
        return AdaptiveCard.FullWidth(body, $"QaBot: {headline} {periodLabel}");
    }
}
