using QaBot.Core.Calendar;
using QaBot.Core.Cases;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;

namespace QaBot.Core.Assurance;

/// <summary>The council's review settings: the judgement scale, the themes the QA team maintains, and what the practitioner sees.</summary>
public sealed record ReviewSettings(IReadOnlyList<string> Judgements, IReadOnlyList<string> Themes, bool HideJudgementFromPractitioner)
{
    /// <summary>The four-point scale councils use in audits.</summary>
    public static readonly IReadOnlyList<string> DefaultJudgements = ["Outstanding", "Good", "Requires improvement", "Inadequate"];

    public static readonly IReadOnlyList<string> DefaultThemes =
    [
        "Voice of the child",
        "Management oversight",
        "Planning and review",
        "Risk assessment",
        "Multi-agency working",
        "Recording",
        "Direct work",
        "Family network",
        "Timeliness",
        "Identity and diversity",
    ];

    public static ReviewSettings Default { get; } = new(DefaultJudgements, DefaultThemes, false);
}

/// <summary>One action as typed on the form (empty rows are skipped).</summary>
public sealed record ReviewActionInput(string? Text, string? Owner, DateOnly? Due);

/// <summary>The review form as submitted: every field as the card sent it, checked whole by <see cref="Check"/>.</summary>
public sealed record ReviewForm(
    string? Case,
    string? Practitioner,
    IReadOnlyList<string> Parts,
    string? FeedbackGist,
    string? Judgement,
    string? Strengths,
    string? Development,
    IReadOnlyList<string> Themes,
    DateOnly? HeldOn,
    IReadOnlyList<ReviewActionInput> Actions)
{
    public const int MaxTextLength = 1000;
    public const int MaxActionLength = 300;
    public const int MaxActions = 3;

    public const string FileReadPart = "file";
    public const string ConversationPart = "conversation";
    public const string FeedbackPart = "feedback";

    /// <summary>The field names used in problems and on the card (the user sees the labels, not these).</summary>
    public static class Fields
    {
        public const string Case = "Case reference";
        public const string Practitioner = "Practitioner";
        public const string Parts = "What took place";
        public const string FeedbackGist = "Feedback from the child or family";
        public const string Judgement = "Judgement";
        public const string Strengths = "Strengths and good practice";
        public const string Development = "Areas for development";
        public const string Themes = "Themes";
        public const string HeldOn = "Date of the review";

        public static string Action(int number) => $"Action {number}";
    }

    /// <summary>
    /// Checks the whole form and either builds the review or lists every problem, each naming its field. Nothing in a
    /// refused form is kept.
    /// </summary>
    public ReviewCheck Check(ReviewCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problems = new List<FormProblem>();

        Scheduling.Statutory.CaseReference? reference = null;
        if (!context.Cases.TryParse(Case, out var parsed, out var caseProblem))
        {
            problems.Add(new FormProblem(Fields.Case, caseProblem));
        }
        else if (CaseAudit.CaseOfItem(context.Item) is { } audited && !string.Equals(parsed.Value.Value, audited, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new FormProblem(Fields.Case, $"This item is the audit of case {audited}: record that case here."));
        }
        else
        {
            reference = parsed;
        }

        var practitioner = ResolvePerson(Practitioner, context, Fields.Practitioner, "Choose the practitioner from the list.", problems);
        if (practitioner is not null && practitioner.Id == context.Reviewer)
        {
            problems.Add(new FormProblem(Fields.Practitioner, "The practitioner is the person whose work was reviewed, not the reviewer."));
            practitioner = null;
        }

        var unknownParts = Parts.Where(p => p is not (FileReadPart or ConversationPart or FeedbackPart)).ToList();
        var parts = new ReviewParts(Parts.Contains(FileReadPart), Parts.Contains(ConversationPart), Parts.Contains(FeedbackPart));
        if (unknownParts.Count > 0 || !parts.Any)
        {
            problems.Add(new FormProblem(Fields.Parts, "Tick what took place: the file read, the reflective conversation, feedback from the child or family."));
        }

        var gist = Text(FeedbackGist, Fields.FeedbackGist, MaxTextLength, required: parts.Feedback, context, problems,
            "Give the gist of the feedback from the child or family.");
        if (!parts.Feedback && gist is not null)
        {
            problems.Add(new FormProblem(Fields.FeedbackGist, "Tick feedback from the child or family as having taken place, or leave its gist empty."));
        }

        var judgement = context.Settings.Judgements.FirstOrDefault(j => string.Equals(j, Judgement?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (judgement is null)
        {
            problems.Add(new FormProblem(Fields.Judgement, $"Choose one of: {string.Join(", ", context.Settings.Judgements)}."));
        }

        var strengths = Text(Strengths, Fields.Strengths, MaxTextLength, required: true, context, problems, "Say what was done well.");
        var development = Text(Development, Fields.Development, MaxTextLength, required: true, context, problems, "Say what could be better, or \"none identified\".");

        var themes = new List<string>();
        foreach (var theme in Themes.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var known = context.Settings.Themes.FirstOrDefault(t => string.Equals(t, theme, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                problems.Add(new FormProblem(Fields.Themes, "Choose themes from the QA team's list."));
                break;
            }

            themes.Add(known);
        }

        if (HeldOn is not { } heldOn)
        {
            problems.Add(new FormProblem(Fields.HeldOn, "Give the date the review took place."));
        }
        else if (heldOn > context.Today)
        {
            problems.Add(new FormProblem(Fields.HeldOn, $"{UkDates.Format(heldOn)} is in the future: give the date the review took place."));
        }

        var actions = new List<ReviewAction>();
        var rows = Actions.Where(a => !string.IsNullOrWhiteSpace(a.Text) || !string.IsNullOrWhiteSpace(a.Owner) || a.Due is not null).ToList();
        if (rows.Count > MaxActions)
        {
            problems.Add(new FormProblem(Fields.Action(MaxActions + 1), $"A review has at most {MaxActions} actions."));
        }

        for (var i = 0; i < Math.Min(rows.Count, MaxActions); i++)
        {
            var number = i + 1;
            var field = Fields.Action(number);
            var row = rows[i];
            var text = Text(row.Text, field, MaxActionLength, required: true, context, problems, "Say what is to be done.");
            var owner = ResolvePerson(row.Owner, context, field, "Choose who owns the action.", problems);
            if (row.Due is not { } due)
            {
                problems.Add(new FormProblem(field, "Give the date it is due."));
            }
            else if (due <= context.Today)
            {
                problems.Add(new FormProblem(field, $"{UkDates.Format(due)} is not in the future: give a due date after today."));
            }
            else if (text is not null && owner is not null)
            {
                actions.Add(new ReviewAction(number, text, owner.Id, due, ReviewAction.ItemIdFor(context.Item, number)));
            }
        }

        if (problems.Count > 0)
        {
            return new ReviewCheck(null, problems);
        }

        return new ReviewCheck(
            new ReflectiveCaseReview(
                context.Item, context.Area, context.Reviewer, practitioner!.Id, reference!.Value, parts, gist, judgement!,
                strengths!, development!, themes, actions, HeldOn!.Value, context.At),
            []);
    }

    private static Person? ResolvePerson(string? id, ReviewCheckContext context, string field, string missing, List<FormProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add(new FormProblem(field, missing));
            return null;
        }

        var person = context.People.FirstOrDefault(p => p.Id.Value == id.Trim() || string.Equals(p.Upn, id.Trim(), StringComparison.OrdinalIgnoreCase));
        if (person is not { Active: true })
        {
            problems.Add(new FormProblem(field, "That person is not in the council's directory: choose from the list."));
            return null;
        }

        return person;
    }

    private static string? Text(string? value, string field, int max, bool required, ReviewCheckContext context, List<FormProblem> problems, string missing)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                problems.Add(new FormProblem(field, missing));
            }

            return null;
        }

        if (text.Length > max)
        {
            problems.Add(new FormProblem(field, $"Keep it to {max} characters (this is {text.Length})."));
            return null;
        }

        if (context.Identifiers.FindFirst(text) is { } finding)
        {
            problems.Add(new FormProblem(field, finding.Message));
            return null;
        }

        return text;
    }
}

/// <summary>What a review form is checked against.</summary>
/// <param name="People">The people the form may name, from the directory (the practitioner, the actions' owners).</param>
public sealed record ReviewCheckContext(
    OccurrenceId Item,
    AreaId Area,
    PersonId Reviewer,
    IReadOnlyList<Person> People,
    ReviewSettings Settings,
    CaseReferencePattern Cases,
    PersonalIdentifierCheck Identifiers,
    DateOnly Today,
    DateTimeOffset At);

/// <summary>A problem with one field of a form, in words for the person filling it in.</summary>
public sealed record FormProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>The review, or every problem with the form (then nothing is kept).</summary>
public sealed record ReviewCheck(ReflectiveCaseReview? Review, IReadOnlyList<FormProblem> Problems)
{
    public bool IsValid => Review is not null;
}
