using System.ComponentModel.DataAnnotations;
using QaBot.Core.Framework;
using QaBot.Core.Scheduling;

namespace QaBot.Application.Configuration;

/// <summary>
/// The supervision settings under <c>Schedule:Supervision</c>: when a new starter's first supervision falls due, and the
/// plans that supervise some people at another rhythm. Without <c>Plans</c>, the shipped ASYE plan applies.
/// </summary>
public sealed class SupervisionOptions
{
    /// <summary>A new starter's first supervision falls due this many working days after their start date.</summary>
    public int FirstWithinWorkingDays { get; set; } = SupervisionPolicy.Default.FirstWithinWorkingDays;

    /// <summary>
    /// Whether everyone with people reporting to them supervises them (the framework's "All managers" role); false
    /// tracks supervision only for roles the directory gives that owe it, such as team managers.
    /// </summary>
    public bool EveryManager { get; set; } = true;

    /// <summary>The council's plans, first match wins; null keeps the shipped ASYE plan. Given, they replace it.</summary>
    public List<SupervisionPlanOptions>? Plans { get; set; }

    public SupervisionPolicy ToPolicy() => new(
        FirstWithinWorkingDays,
        Plans is null
            ? SupervisionPolicy.Default.Plans
            : Plans.Select(p => new SupervisionPlan(
                p.Name!.Trim(),
                [.. p.JobTitles.Select(t => t.Trim())],
                [.. p.Roles.Select(r => new RoleId(r))],
                [.. p.Stages.Select(s => new SupervisionStage(s.EveryWeeks, s.UntilWeeks, s.UntilMonths))],
                p.FirstWithinWorkingDays)).ToList())
    {
        EveryManager = EveryManager,
    };

    internal IEnumerable<ValidationResult> Problems(string section, string member)
    {
        if (FirstWithinWorkingDays is < 1 or > MostWorkingDays)
        {
            yield return new($"{section}:FirstWithinWorkingDays: {FirstWithinWorkingDays} is not between 1 and {MostWorkingDays} working days.", [member]);
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < (Plans?.Count ?? 0); i++)
        {
            var plan = Plans![i];
            var key = $"{section}:Plans:{i}";
            if (string.IsNullOrWhiteSpace(plan.Name))
            {
                yield return new($"{key}:Name: give the plan a name (such as ASYE); it is shown beside the items.", [member]);
            }
            else if (!names.Add(plan.Name.Trim()))
            {
                yield return new($"{key}:Name: '{plan.Name}' is the name of an earlier plan.", [member]);
            }

            if (plan.JobTitles.Count == 0 && plan.Roles.Count == 0)
            {
                yield return new($"{key}: give JobTitles or Roles, or both, to say who the plan is for.", [member]);
            }

            for (var j = 0; j < plan.JobTitles.Count; j++)
            {
                if (string.IsNullOrWhiteSpace(plan.JobTitles[j]))
                {
                    yield return new($"{key}:JobTitles:{j}: give words from a job title, not an empty value.", [member]);
                }
            }

            for (var j = 0; j < plan.Roles.Count; j++)
            {
                if (!Slug.IsValid(plan.Roles[j]))
                {
                    yield return new($"{key}:Roles:{j}: '{plan.Roles[j]}' is not a role id (lowercase letters, digits and hyphens).", [member]);
                }
            }

            if (plan.FirstWithinWorkingDays is < 1 or > MostWorkingDays)
            {
                yield return new($"{key}:FirstWithinWorkingDays: {plan.FirstWithinWorkingDays} is not between 1 and {MostWorkingDays} working days.", [member]);
            }

            foreach (var problem in StageProblems(plan, key, member))
            {
                yield return problem;
            }
        }
    }

    private const int MostWorkingDays = 60;

    private static IEnumerable<ValidationResult> StageProblems(SupervisionPlanOptions plan, string key, string member)
    {
        var lastEnd = 0d;
        for (var j = 0; j < plan.Stages.Count; j++)
        {
            var stage = plan.Stages[j];
            var at = $"{key}:Stages:{j}";
            if (stage.EveryWeeks is < 1 or > 8)
            {
                yield return new($"{at}:EveryWeeks: {stage.EveryWeeks} is not between 1 and 8 weeks (monthly is the duty's own rhythm, after the last stage).", [member]);
            }

            if (stage.UntilWeeks is not null && stage.UntilMonths is not null)
            {
                yield return new($"{at}: give UntilWeeks or UntilMonths, not both.", [member]);
                continue;
            }

            if (stage.UntilWeeks is null && stage.UntilMonths is null)
            {
                if (j != plan.Stages.Count - 1)
                {
                    yield return new($"{at}: only the last stage may run on without UntilWeeks or UntilMonths.", [member]);
                }

                continue;
            }

            if (stage.UntilWeeks is < 1 or > 104 || stage.UntilMonths is < 1 or > 24)
            {
                yield return new($"{at}: a stage ends between 1 and 104 weeks (UntilWeeks) or 1 and 24 months (UntilMonths) after the start date.", [member]);
                continue;
            }

            // Months are compared as 30.4 days: near enough to say which stage ends first.
            var end = stage.UntilWeeks is { } weeks ? weeks * 7d : stage.UntilMonths!.Value * 30.4;
            if (end <= lastEnd)
            {
                yield return new($"{at}: it ends no later than the stage before it; list stages in order, each ending later.", [member]);
            }

            lastEnd = Math.Max(lastEnd, end);
        }
    }
}

/// <summary>One entry of <c>Schedule:Supervision:Plans</c>.</summary>
public sealed class SupervisionPlanOptions
{
    /// <summary>What the council calls the plan (ASYE).</summary>
    public string? Name { get; set; }

    /// <summary>Words any of which in a person's job title puts them on the plan (case is ignored).</summary>
    public List<string> JobTitles { get; set; } = [];

    /// <summary>Framework role ids any of which a person holds puts them on the plan.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>The plan's own first-supervision setting; null follows <c>Schedule:Supervision:FirstWithinWorkingDays</c>.</summary>
    public int? FirstWithinWorkingDays { get; set; }

    /// <summary>The rhythms from the start date, in order; after the last one with an end, the duty's own rhythm.</summary>
    public List<SupervisionStageOptions> Stages { get; set; } = [];
}

/// <summary>One stage of a supervision plan: every so many weeks until so many weeks or months after the start date.</summary>
public sealed class SupervisionStageOptions
{
    public int EveryWeeks { get; set; }

    public int? UntilWeeks { get; set; }

    public int? UntilMonths { get; set; }
}
