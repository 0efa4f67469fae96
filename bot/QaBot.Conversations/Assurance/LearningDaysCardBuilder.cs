using QaBot.Application.Assurance;
using QaBot.Conversations.Cards;
using QaBot.Core.Calendar;

namespace QaBot.Conversations.Assurance;

/// <summary>
/// The answer to "learning days": the practice learning days of the last twelve months and those planned, each with its
/// service, lead, how many took part and how many activities were recorded, and where the follow-up visit stands; for
/// the QA team and leaders every day with the visits tally, for anyone else the days they lead or take part in.
/// Counts only: no case references and no names of children.
/// </summary>
public static class LearningDaysCardBuilder
{
    public const string Title = "Practice learning days";

    public static AdaptiveCard Build(IReadOnlyList<LearningDayView> days, IReadOnlyList<string> tally, bool programme, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(tally);
        var body = new List<CardElement>
        {
            new TextBlock { Text = Title, Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock
            {
                Text = (programme ? "The department's days in the last 12 months and those planned" : "The days you lead or take part in") + $", as at {UkDates.Format(today)}",
                Wrap = true,
                IsSubtle = true,
                Spacing = Spacing.None,
            },
        };
        if (days.Count == 0)
        {
            var none = programme ? "No practice learning days in the last 12 months or planned." : "You are not leading or taking part in a practice learning day in the last 12 months or planned.";
            body.Add(new TextBlock { Text = none, Wrap = true, Spacing = Spacing.Medium });
            return AdaptiveCard.FullWidth(body, "QaBot: " + none);
        }

        foreach (var view in days)
        {
            var day = view.Day;
            body.Add(new TextBlock { Text = day.Title, Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true, Spacing = Spacing.Large });
            body.Add(new TextBlock { Text = $"{UkDates.Format(day.Date)} · {view.ServiceName} · {LearningDayText.State(day, today)}", Wrap = true, IsSubtle = true, Spacing = Spacing.None });
            var facts = new List<Fact>
            {
                new("Led by", view.LeadName),
                new("Taking part", UkDates.Count(day.Participants.Count, "person", "people")),
                new("Activities", LearningDayText.Activities(day)),
            };
            // Whether someone else's visit is done or overdue is for the QA team and leaders only.
            facts.AddRange(programme ? view.Visits.Select(v => new Fact("Follow-up visit", LearningDayText.Visit(v, today))) : []);
            body.Add(new FactSet { Facts = facts, Spacing = Spacing.Small });
        }

        foreach (var line in programme ? tally : [])
        {
            body.Add(new TextBlock { Text = line, Wrap = true, IsSubtle = true, Spacing = Spacing.Medium });
        }

        return AdaptiveCard.FullWidth(body, $"QaBot: {UkDates.Count(days.Count, "practice learning day", "practice learning days")}.");
    }
}
