using System.Globalization;
using QaBot.Application.Assurance;
using QaBot.Conversations.Actions;
using QaBot.Conversations.Cards;
using QaBot.Conversations.Text;
using QaBot.Core.Framework;

namespace QaBot.Conversations.Assurance;

/// <summary>
/// "My programme": a person's annual programmes of visits and meetings, each visit or meeting planned and where it
/// stands against the framework's number a year, and a form to add the next one (docs/scheduling.md).
/// </summary>
public static class ProgrammeCardBuilder
{
    public const string DutyInput = "programmeDuty";
    public const string WhatInput = "programmeWhat";
    public const string MonthInput = "programmeMonth";
    public const string DateInput = "programmeDate";

    /// <summary>How many months ahead the form offers.</summary>
    public const int MonthsOffered = 15;

    /// <param name="views">The person's programmes for the years shown (<see cref="AnnualProgrammes.YearsShown"/>).</param>
    /// <param name="duties">The programmes the person can add to: those of the roles they hold.</param>
    /// <param name="from">The first day the form offers: today, or the day programmes start when that is later.</param>
    /// <param name="lastYear">The last year shown, and offered.</param>
    public static AdaptiveCard Build(IReadOnlyList<ProgrammeView> views, IReadOnlyList<Duty> duties, FrameworkCatalogue catalogue, DateOnly today, DateOnly from, int lastYear, CardNotice? notice = null)
    {
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(duties);
        ArgumentNullException.ThrowIfNull(catalogue);
        var body = new List<CardElement>
        {
            new TextBlock { Text = "Your programmes of visits and meetings", Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock
            {
                Text = "The framework asks for an annual programme. Plan each visit or meeting here: each is reminded in its month, "
                    + "and on its reminder you record it held (Done, with the date and a note) or not held (Not applicable, with the reason).",
                Wrap = true,
                IsSubtle = true,
                Spacing = Spacing.None,
            },
        };
        if (notice is not null)
        {
            body.Add(notice.ToElement());
        }

        if (duties.Count == 0 && views.Count == 0)
        {
            body.Add(new TextBlock { Text = "You hold no role with an annual programme of visits or meetings.", Wrap = true, Spacing = Spacing.Medium });
            return Card(body, []);
        }

        foreach (var view in views)
        {
            var kind = ProgrammeText.Kind(view.Duty);
            body.Add(new TextBlock
            {
                Text = $"{char.ToUpperInvariant(kind[0])}{kind[1..]} for {view.Programme.Key.Year.ToString(CultureInfo.InvariantCulture)}: {view.Planned} planned of {view.Target}, {view.Held} held",
                Weight = TextWeight.Bolder,
                Wrap = true,
                Spacing = Spacing.Medium,
            });
            body.Add(new TextBlock { Text = DutyWording.TitleOf(view.Duty.Id, catalogue), Wrap = true, IsSubtle = true, Spacing = Spacing.None });
            foreach (var entry in view.Entries)
            {
                body.Add(new TextBlock { Text = $"{entry.Entry.Number}. {entry.Entry.What}, {entry.Entry.When.Words}: {ProgrammeText.EntryState(entry, today)}", Wrap = true, Spacing = Spacing.Small });
            }

            if (view.IsShort)
            {
                body.Add(new TextBlock { Text = $"{view.Target - view.Planned} more to plan.", Wrap = true, Spacing = Spacing.Small, Color = TextColor.Attention });
            }
        }

        if (duties.Count == 0)
        {
            return Card(body, []);
        }

        body.Add(new TextBlock { Text = "Add a visit or meeting", Weight = TextWeight.Bolder, Wrap = true, Spacing = Spacing.Large });
        var data = ActionData.ForView(new ViewState(CardView.Programme));
        if (duties.Count == 1)
        {
            // One programme: the button names it, so what is added never depends on the roles held on another day.
            data[DutyInput] = duties[0].Id.Value;
        }
        else
        {
            body.Add(new ChoiceSetInput
            {
                Id = DutyInput,
                Label = "Which programme",
                IsRequired = true,
                ErrorMessage = "Choose the programme.",
                Style = ChoiceInputStyle.Compact,
                Value = duties[0].Id.Value,
                Choices = [.. duties.Select(d => new Choice($"{Capital(ProgrammeText.Kind(d))}: {DutyWording.TitleOf(d.Id, catalogue)}", d.Id.Value))],
            });
        }

        body.Add(new TextInput
        {
            Id = WhatInput,
            Label = "What: a team, a children's home or a meeting",
            MaxLength = Core.Assurance.Programme.MaxWhatLength,
            IsRequired = true,
            ErrorMessage = "Say what the visit or meeting is.",
        });
        body.Add(new ChoiceSetInput
        {
            Id = MonthInput,
            Label = "Month",
            Style = ChoiceInputStyle.Compact,
            Placeholder = "Choose a month, or give a date below",
            Choices = [.. Months(from, lastYear).Select(m => new Choice(m.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")), m.ToString("yyyy-MM", CultureInfo.InvariantCulture)))],
        });
        body.Add(new DateInput { Id = DateInput, Label = "Or a date instead (optional)", Min = from, Max = new DateOnly(lastYear, 12, 31) });
        return Card(body, [new ExecuteAction { Title = "Add to my programme", Verb = CardVerbs.AddProgrammeEntry, Style = ActionStyle.Positive, Data = data }]);
    }

    /// <summary>The months offered: from the month of <paramref name="from"/> to the end of <paramref name="lastYear"/>, at most <see cref="MonthsOffered"/>.</summary>
    public static IReadOnlyList<DateOnly> Months(DateOnly from, int lastYear)
    {
        var months = new List<DateOnly>(MonthsOffered);
        for (var m = new DateOnly(from.Year, from.Month, 1); months.Count < MonthsOffered && m.Year <= lastYear; m = m.AddMonths(1))
        {
            months.Add(m);
        }

        return months;
    }

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static AdaptiveCard Card(List<CardElement> body, IReadOnlyList<CardAction> actions) => new()
    {
        Body = body,
        Actions = actions,
        FallbackText = "QaBot: your programmes of visits and meetings.",
        MsTeams = new TeamsCardOptions { Width = "Full" },
    };
}
