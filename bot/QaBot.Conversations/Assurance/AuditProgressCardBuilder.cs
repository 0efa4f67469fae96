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

    /// <param name="audits">The audits the viewer may see, each with the viewer's own cases in it (<see cref="AuditAccess"/>).</param>
    public static AdaptiveCard Build(IReadOnlyList<(AuditView View, IReadOnlyList<AuditCaseView> Own)> audits, bool programme, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(audits);
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
        if (audits.Count == 0)
        {
            var none = programme ? "No audits are in progress." : "You have no cases in an audit in progress.";
            body.Add(new TextBlock { Text = none, Wrap = true, Spacing = Spacing.Medium });
            return AdaptiveCard.FullWidth(body, "QaBot: " + none);
        }

        foreach (var (view, own) in audits)
        {
            var audit = view.Audit;
            var cases = programme ? view.Cases : own;
            var overdue = audit.Due < today && cases.Any(c => c.Record is null) ? " · overdue" : string.Empty;
            body.Add(new TextBlock { Text = $"{CaseAudit.KindName(audit.Kind)}: {audit.Title}", Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true, Spacing = Spacing.Large });
            body.Add(new TextBlock { Text = $"Due {UkDates.Format(audit.Due)}{overdue}", Wrap = true, IsSubtle = true, Spacing = Spacing.None });
            var facts = new List<Fact>
            {
                new(programme ? "Cases recorded" : "Your cases recorded", $"{cases.Count(c => c.Record is not null)} of {cases.Count}"),
                new("Moderated", $"{cases.Count(c => c.Case.Moderation is not null)} of {cases.Count}"),
            };
            facts.AddRange(own.Where(c => c.Record is null).Select(c => new Fact("Yours to record", "case " + c.Case.Case.Value)));
            body.Add(new FactSet { Facts = facts, Spacing = Spacing.Small });
        }

        return AdaptiveCard.FullWidth(body, $"QaBot: {UkDates.Count(audits.Count, "audit", "audits")} in progress.");
    }
}
