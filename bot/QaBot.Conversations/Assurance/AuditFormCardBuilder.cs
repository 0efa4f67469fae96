using QaBot.Application.Assurance;
using QaBot.Conversations.Actions;
using QaBot.Conversations.Cards;
using QaBot.Core.Assurance;
using QaBot.Core.Calendar;

namespace QaBot.Conversations.Assurance;

/// <summary>
/// "Arrange an audit": the QA team's form for a thematic or multi-agency audit (the same fields as an audit file), and
/// the card that answers a submission. A refused form comes back with everything typed kept and every problem listed.
/// </summary>
public static class AuditFormCardBuilder
{
    public const string FormTitle = "Arrange an audit";

    public const string TitleInput = "auTitle";
    public const string KindInput = "auKind";
    public const string LinesInput = "auLines";
    public const string CasesInput = "auCases";
    public const string DueInput = "auDue";

    /// <summary>The most the lines of enquiry box holds: ten lines of the longest allowed.</summary>
    public const int MaxLinesLength = CaseAudit.MaxLinesOfEnquiry * (CaseAudit.MaxLineOfEnquiryLength + 1);

    /// <summary>The most the cases box holds: ninety lines of a reference and two sign-ins.</summary>
    public const int MaxCasesLength = CaseAudit.MaxCases * 120;

    public static AdaptiveCard BuildForm(DateOnly today, AuditFormInput? typed = null, IReadOnlyList<string>? problems = null)
    {
        var body = new List<CardElement>
        {
            new TextBlock { Text = FormTitle, Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock
            {
                Text = "Each case becomes an item of its auditor's, with reminders and escalation; Done on it opens the review form. " +
                    "You moderate and close the audit with qabot audits.",
                Wrap = true, IsSubtle = true, Spacing = Spacing.None,
            },
        };
        if (problems is { Count: > 0 })
        {
            body.Add(CardNotice.Warning("Nothing was arranged. " + string.Join(" ", problems.Select(p => p.EndsWith('.') ? p : p + "."))).ToElement());
        }

        body.Add(new TextBlock { Text = ReviewCardBuilder.GovernanceHint, Wrap = true, Size = TextSize.Small });
        body.Add(new TextInput
        {
            Id = TitleInput, Label = AuditFormReader.Fields.Title, Value = typed?.Title, IsRequired = true, MaxLength = CaseAudit.MaxTitleLength,
            Placeholder = "For example: Neglect and cumulative harm", ErrorMessage = "Name the audit.",
        });
        body.Add(new ChoiceSetInput
        {
            Id = KindInput, Label = AuditFormReader.Fields.Kind, Value = typed?.Kind ?? "thematic", Style = ChoiceInputStyle.Expanded, IsRequired = true,
            Choices = [new Choice("Thematic", "thematic"), new Choice("Multi-agency", "multi-agency")], ErrorMessage = "Choose the kind of audit.",
        });
        body.Add(new TextInput
        {
            Id = LinesInput, Label = AuditFormReader.Fields.LinesOfEnquiry + " (one a line)", Value = typed?.LinesOfEnquiry, IsMultiline = true, IsRequired = true,
            MaxLength = MaxLinesLength, ErrorMessage = "Give at least one line of enquiry.",
        });
        body.Add(new TextInput
        {
            Id = CasesInput, Label = AuditFormReader.Fields.Cases + " (one a line: case reference, auditor's sign-in, and the practitioner's if known)",
            Value = typed?.Cases, IsMultiline = true, IsRequired = true, MaxLength = MaxCasesLength,
            Placeholder = "1234567 sam.jones@council.gov.uk", ErrorMessage = "Give at least one case and its auditor.",
        });
        body.Add(new DateInput
        {
            Id = DueInput, Label = AuditFormReader.Fields.Due + " (the auditors' records)", Min = today.AddDays(1), IsRequired = true,
            Value = typed?.Due is { } due && DateOnly.TryParse(due, System.Globalization.CultureInfo.InvariantCulture, out var day) ? day : null,
            ErrorMessage = "Choose the day the records are due.",
        });

        return AdaptiveCard.FullWidth(body, "QaBot: arrange an audit.") with
        {
            Actions = [new ExecuteAction { Title = "Arrange the audit", Verb = CardVerbs.ArrangeAudit, Style = ActionStyle.Positive, Data = ActionData.ForView(new ViewState(CardView.Digest)) }],
        };
    }

    /// <summary>The answer to an arranged (or repeated) submission: the audit as kept, in place of the form.</summary>
    public static AdaptiveCard BuildArranged(AuditCreation creation, CouncilCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(creation);
        ArgumentNullException.ThrowIfNull(calendar);
        var audit = creation.Audit ?? throw new ArgumentException("An arranged audit carries the audit.", nameof(creation));
        var auditors = audit.Cases.Select(c => c.Auditor).Distinct().Count();
        var notice = creation.Created
            ? CardNotice.Success($"Arranged: {Count(audit.Cases.Count, "case")} given to {Count(auditors, "auditor")} as items, with reminders from today.")
            : CardNotice.Information($"Already arranged on {UkDates.Format(calendar.LocalDateOf(audit.CreatedAt))}; nothing changed{(creation.ItemsMade > 0 ? $" but the {Count(creation.ItemsMade, "item")} a stopped run had not made" : string.Empty)}.");
        var body = new List<CardElement>
        {
            new TextBlock { Text = FormTitle, Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
            notice.ToElement(),
            new FactSet
            {
                Facts =
                [
                    new Fact("Audit", audit.Title),
                    new Fact("Id", audit.Id),
                    new Fact("Kind", audit.Kind == AuditKind.Thematic ? "Thematic" : "Multi-agency"),
                    new Fact("Records due", UkDates.Format(audit.Due)),
                    new Fact("Cases", string.Join(", ", audit.Cases.Select(c => c.Case.Value))),
                ],
            },
            new TextBlock { Text = "Key lines of enquiry", Weight = TextWeight.Bolder, Spacing = Spacing.Medium },
        };
        body.AddRange(audit.LinesOfEnquiry.Select((line, i) => new TextBlock { Text = $"{i + 1}. {line}", Wrap = true, Spacing = Spacing.None }));
        body.Add(new TextBlock { Text = $"Say \"audits in progress\" to follow it; qabot audits show {audit.Id} lists each case.", Wrap = true, IsSubtle = true, Spacing = Spacing.Medium });
        return AdaptiveCard.FullWidth(body, "QaBot: audit arranged.");
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
