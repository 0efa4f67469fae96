using QaBot.Core.Assurance;

namespace QaBot.Application.Configuration;

/// <summary>
/// The quality assurance settings the QA team maintains (<c>Assurance</c> section): the judgement scale, the themes a
/// review can be tagged with, whether the practitioner is told the judgement, and which duties' Done opens the review form.
/// Empty lists mean the defaults (<see cref="ReviewSettings.Default"/>).
/// </summary>
public sealed class AssuranceOptions
{
    public const string Section = "Assurance";

    /// <summary>The framework's reflective case review duties: Done on one of these opens the review form.</summary>
    public static readonly IReadOnlyList<string> DefaultReviewDuties = ["team-manager-reflective-case-review", "director-ehs-reflective-case-review"];

    /// <summary>The judgement scale, best first.</summary>
    public IList<string> JudgementScale { get; } = [];

    /// <summary>The themes the QA team maintains.</summary>
    public IList<string> Themes { get; } = [];

    /// <summary>When true, the practitioner is told the learning but not the judgement.</summary>
    public bool HideJudgementFromPractitioner { get; set; }

    /// <summary>Duty ids whose Done opens the review form.</summary>
    public IList<string> ReviewDuties { get; } = [];

    /// <summary>The follow-up visit after a practice learning day is due this many weeks after the day (1 to 26).</summary>
    public int LearningDayVisitWeeks { get; set; } = 6;

    /// <summary>From this month of the year (1 to 12) a person whose programme for the year has fewer entries than its target is told so.</summary>
    public int ProgrammeFlagMonth { get; set; } = 1;

    /// <summary>From this month of the year (1 to 12) a programme short of its target is shown to the person's line manager too.</summary>
    public int ProgrammeManagerFlagMonth { get; set; } = 3;

    public ReviewSettings ToSettings() => new(
        JudgementScale.Count > 0 ? [.. JudgementScale] : ReviewSettings.DefaultJudgements,
        Themes.Count > 0 ? [.. Themes] : ReviewSettings.DefaultThemes,
        HideJudgementFromPractitioner);

    public IReadOnlySet<string> ReviewDutySet() => (ReviewDuties.Count > 0 ? [.. ReviewDuties] : DefaultReviewDuties).Append(Core.Assurance.CaseAudit.DutyId).ToHashSet(StringComparer.Ordinal);

    /// <summary>What is wrong with the settings, in words for IT; empty when they may be used.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (name, list) in new[] { ("JudgementScale", JudgementScale), ("Themes", Themes) })
        {
            if (list.Any(string.IsNullOrWhiteSpace) || list.Any(s => s.Length > 80 || s.Contains(',', StringComparison.Ordinal)))
            {
                yield return $"{Section}:{name}: each entry has 1 to 80 characters and no comma.";
            }

            if (list.Distinct(StringComparer.OrdinalIgnoreCase).Count() != list.Count)
            {
                yield return $"{Section}:{name}: each entry appears once.";
            }
        }

        if (LearningDayVisitWeeks is < 1 or > 26)
        {
            yield return $"{Section}:LearningDayVisitWeeks: give from 1 to 26 weeks after the day; it is {LearningDayVisitWeeks}.";
        }

        foreach (var (name, month) in new[] { ("ProgrammeFlagMonth", ProgrammeFlagMonth), ("ProgrammeManagerFlagMonth", ProgrammeManagerFlagMonth) })
        {
            if (month is < 1 or > 12)
            {
                yield return $"{Section}:{name}: give a month of the year from 1 (January) to 12 (December); it is {month}.";
            }
        }

        if (JudgementScale.Count == 1)
        {
            yield return $"{Section}:JudgementScale: a scale has at least two points.";
        }
    }
}
