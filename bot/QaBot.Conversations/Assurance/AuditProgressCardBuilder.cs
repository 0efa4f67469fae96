using QaBot.Application.Assurance;
using QaBot.Conversations.Cards;
using QaBot.Core.Assurance;
using QaBot.Core.Calendar;

namespace QaBot.Conversations.Assurance;

/// <summary>
/// The answer to "audits in progress": for the QA team and leaders every audit not yet closed, with how many cases
/// are recorded and moderated; for anyone with cases allocated, their own cases still to record, by reference.
/// Counts and case references only: no names of children.
/// </summary>
public static class AuditProgressCardBuilder
{
    public const string Title = "Audits in progress";

    public static AdaptiveCard Build(AuditProgress progress, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var programme = progress.Programme;
        var body = new List<CardElement>
        {
            new TextBlock { Text = Title, Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock
            {
                Text = programme ? $"The QA team's audits not yet closed, as at {UkDates.Format(today)}" : $"The audit cases allocated to you, as at {UkDates.Format(today)}",
                Wrap = true,
                IsSubtle = true,
                Spacing = Spacing.None,
            },
        };
        if (progress.Audits.Count == 0)
        {
            var none = programme ? "No audits are in progress." : "You have no cases in an audit in progress.";
            body.Add(new TextBlock { Text = none, Wrap = true, Spacing = Spacing.Medium });
            return AdaptiveCard.FullWidth(body, "QaBot: " + none);
        }

        foreach (var line in progress.Audits)
        {
            var audit = line.View.Audit;
            var cases = line.Counted(programme);
            body.Add(new TextBlock { Text = $"{CaseAudit.KindName(audit.Kind)}: {audit.Title}", Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true, Spacing = Spacing.Large });
            body.Add(new TextBlock { Text = $"Due {UkDates.Format(audit.Due)}{(line.IsOverdue(programme) ? " · overdue" : string.Empty)}", Wrap = true, IsSubtle = true, Spacing = Spacing.None });
            var facts = new List<Fact>
            {
                new(programme ? "Cases recorded" : "Your cases recorded", $"{cases.Count(c => c.Record is not null)} of {cases.Count}"),
                new("Moderated", $"{cases.Count(c => c.Case.Moderation is not null)} of {cases.Count}"),
            };
            facts.AddRange(line.OwnToRecord.Select(reference => new Fact("Yours to record", "case " + reference)));
            body.Add(new FactSet { Facts = facts, Spacing = Spacing.Small });
        }

        return AdaptiveCard.FullWidth(body, $"QaBot: {UkDates.Count(progress.Audits.Count, "audit", "audits")} in progress.");
    }
}
