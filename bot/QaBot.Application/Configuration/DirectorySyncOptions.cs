using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using QaBot.Core.Framework;

namespace QaBot.Application.Configuration;

/// <summary>
/// Directory sync from Microsoft Graph (section <c>Graph:DirectorySync</c>): which users are read and how their
/// department and job title map to areas and framework roles. See docs/configuration.md, section Directory.
/// </summary>
public sealed class DirectorySyncOptions
{
    public const string Section = "Graph:DirectorySync";

    /// <summary>The longest a rule's pattern may take on one value, so that a careless pattern cannot stall a sync.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Off by default: councils loading people from CSV leave it off.</summary>
    public bool Enabled { get; set; }

    /// <summary>An OData filter Graph applies before QaBot sees the users, e.g. <c>startswith(department,'Children')</c>.</summary>
    public string? UserFilter { get; set; }

    /// <summary>Users per page. Graph returns at most 100 when the manager is expanded, so more only matters without it.</summary>
    [Range(1, 999)]
    public int PageSize { get; set; } = 100;

    /// <summary>Department and job title patterns to area paths; the first rule that matches places the person. A user no rule matches is not in the department.</summary>
    public IList<AreaRuleOptions> AreaRules { get; } = [];

    /// <summary>Job title and department patterns to framework roles; every rule that matches adds its roles.</summary>
    public IList<RoleRuleOptions> RoleRules { get; } = [];

    /// <summary>
    /// The most people one sync may deactivate, as a percentage of those it manages (at least five people are always
    /// allowed). A larger drop is more likely a broken filter or rule than a wave of leavers: the sync stops and says so.
    /// </summary>
    [Range(0, 100)]
    public int MaxDeactivationPercent { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate()
    {
        for (var i = 0; i < AreaRules.Count; i++)
        {
            var rule = AreaRules[i];
            var key = $"{Section}:AreaRules:{i}";
            if (string.IsNullOrWhiteSpace(rule.Department) && string.IsNullOrWhiteSpace(rule.JobTitle))
            {
                yield return new($"{key}: give a Department or a JobTitle pattern (or both).", [nameof(AreaRules)]);
            }

            if (string.IsNullOrWhiteSpace(rule.AreaPath))
            {
                yield return new($"{key}:AreaPath: required, e.g. \"Early Help & Safeguarding > Locality: Chesterfield\".", [nameof(AreaRules)]);
            }

            foreach (var problem in PatternProblems(key, ("Department", rule.Department), ("JobTitle", rule.JobTitle)))
            {
                yield return problem;
            }
        }

        for (var i = 0; i < RoleRules.Count; i++)
        {
            var rule = RoleRules[i];
            var key = $"{Section}:RoleRules:{i}";
            if (string.IsNullOrWhiteSpace(rule.Department) && string.IsNullOrWhiteSpace(rule.JobTitle))
            {
                yield return new($"{key}: give a JobTitle or a Department pattern (or both).", [nameof(RoleRules)]);
            }

            if (rule.Roles.Count == 0)
            {
                yield return new($"{key}:Roles: list the framework role ids the rule gives, e.g. team-manager.", [nameof(RoleRules)]);
            }

            for (var r = 0; r < rule.Roles.Count; r++)
            {
                if (!Slug.IsValid(rule.Roles[r]))
                {
                    yield return new($"{key}:Roles:{r}: '{rule.Roles[r]}' is not a role id.", [nameof(RoleRules)]);
                }
            }

            foreach (var problem in PatternProblems(key, ("Department", rule.Department), ("JobTitle", rule.JobTitle)))
            {
                yield return problem;
            }
        }
    }

    /// <summary>A rule's pattern as QaBot applies it: the whole value must match, ignoring case.</summary>
    public static Regex Pattern(string pattern) =>
        new($"^(?:{pattern})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, PatternTimeout);

    private static IEnumerable<ValidationResult> PatternProblems(string key, params (string Field, string? Pattern)[] patterns)
    {
        foreach (var (field, pattern) in patterns)
        {
            if (string.IsNullOrWhiteSpace(pattern))
            {
                continue;
            }

            string? problem = null;
            try
            {
                Pattern(pattern);
            }
            catch (ArgumentException e)
            {
                problem = e.Message;
            }

            if (problem is not null)
            {
                yield return new($"{key}:{field}: '{pattern}' is not a valid pattern: {problem}", [field]);
            }
        }
    }
}

/// <summary>One area rule: a user whose department (and job title, if given) match is placed at <see cref="AreaPath"/>.</summary>
public sealed class AreaRuleOptions
{
    /// <summary>A pattern the whole department must match, ignoring case; named groups can be used in <see cref="AreaPath"/> as <c>${name}</c>.</summary>
    public string? Department { get; set; }

    public string? JobTitle { get; set; }

    public string AreaPath { get; set; } = string.Empty;
}

/// <summary>One role rule: a user whose job title (and department, if given) match holds <see cref="Roles"/>.</summary>
public sealed class RoleRuleOptions
{
    public string? JobTitle { get; set; }

    public string? Department { get; set; }

    public IList<string> Roles { get; } = [];
}
