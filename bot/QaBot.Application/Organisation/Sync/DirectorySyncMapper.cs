using System.Globalization;
using System.Text.RegularExpressions;
using QaBot.Application.Configuration;
using QaBot.Core.Organisation;
using QaBot.Core.Organisation.Import;

namespace QaBot.Application.Organisation.Sync;

/// <summary>
/// Applies the directory sync rules (docs/configuration.md, section Directory): a user's department and job title place them in an area
/// (the first area rule that matches) and give them roles (every role rule that matches). The rows it produces are
/// checked and applied by the same planner and importer as a CSV import.
/// </summary>
public sealed class DirectorySyncMapper
{
    private readonly List<(Regex? Department, Regex? JobTitle, string AreaPath)> _areaRules;
    private readonly List<(Regex? Department, Regex? JobTitle, IReadOnlyList<string> Roles)> _roleRules;

    public DirectorySyncMapper(DirectorySyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _areaRules = [.. options.AreaRules.Select(r => (Compile(r.Department), Compile(r.JobTitle), r.AreaPath))];
        _roleRules = [.. options.RoleRules.Select(r => (Compile(r.Department), Compile(r.JobTitle), (IReadOnlyList<string>)[.. r.Roles]))];
    }

    /// <param name="current">The directory as stored: role start dates and start dates are kept from it.</param>
    /// <param name="today">The council's date: a role someone newly holds starts today.</param>
    public DirectorySyncMapping Map(IReadOnlyList<DirectoryUser> users, DirectorySnapshot current, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(current);
        var stored = current.People.ToDictionary(p => p.Value.Id.Value, p => p.Value, StringComparer.OrdinalIgnoreCase);
        var placed = new List<(DirectoryUser User, string AreaPath)>();
        var outOfScope = 0;
        var disabled = 0;
        foreach (var user in users)
        {
            if (!user.AccountEnabled)
            {
                disabled++;
                continue;
            }

            if (AreaOf(user) is { } path)
            {
                placed.Add((user, path));
            }
            else
            {
                outOfScope++;
            }
        }

        var inScope = placed.ToDictionary(p => p.User.Id, p => p.User.Upn, StringComparer.OrdinalIgnoreCase);
        var rows = new List<PersonRow>();
        var lines = new Dictionary<int, string>();
        var managersOutside = 0;
        foreach (var (user, areaPath) in placed)
        {
            stored.TryGetValue(user.Id, out var before);
            var start = user.HireDate ?? before?.StartDate ?? today;
            var managerUpn = string.Empty;
            if (user.ManagerId is { } managerId)
            {
                if (inScope.TryGetValue(managerId, out var upn))
                {
                    managerUpn = upn;
                }
                else if (stored.TryGetValue(managerId, out var manager))
                {
                    // Someone QaBot already has: kept from another source, or a manager who has left (disabled, or
                    // out of scope now), whose post stays the team's until Entra ID names a new manager (docs/workforce.md).
                    managerUpn = manager.Upn;
                }
                else
                {
                    managersOutside++;
                }
            }

            var line = rows.Count + 1;
            lines[line] = user.Id;
            rows.Add(new PersonRow(
                line,
                user.Id,
                user.Upn,
                user.DisplayName,
                user.JobTitle ?? string.Empty,
                Roles(user, before, start, today),
                areaPath,
                managerUpn,
                Date(start)));
        }

        return new DirectorySyncMapping(rows, lines, outOfScope, disabled, managersOutside);
    }

    private string? AreaOf(DirectoryUser user)
    {
        foreach (var (department, jobTitle, areaPath) in _areaRules)
        {
            var departmentMatch = department?.Match(user.Department ?? string.Empty);
            var jobTitleMatch = jobTitle?.Match(user.JobTitle ?? string.Empty);
            if (departmentMatch is { Success: false } || jobTitleMatch is { Success: false })
            {
                continue;
            }

            var path = areaPath;
            foreach (var match in new[] { departmentMatch, jobTitleMatch }.OfType<Match>())
            {
                path = match.Result(path);
            }

            return path;
        }

        return null;
    }

    private string Roles(DirectoryUser user, Person? before, DateOnly start, DateOnly today)
    {
        var roles = new List<string>();
        foreach (var (department, jobTitle, ruleRoles) in _roleRules)
        {
            if (department?.IsMatch(user.Department ?? string.Empty) == false || jobTitle?.IsMatch(user.JobTitle ?? string.Empty) == false)
            {
                continue;
            }

            roles.AddRange(ruleRoles.Where(r => !roles.Contains(r, StringComparer.Ordinal)));
        }

        // A role already held keeps its start; a role newly held starts today (or on their first day, for a new starter).
        return string.Join(';', roles.Select(role =>
        {
            var held = before?.CurrentRoles.FirstOrDefault(r => r.Role.Value == role);
            var since = held?.Start ?? (before is null ? start : today);
            return $"{role}@{Date(since)}";
        }));
    }

    private static Regex? Compile(string? pattern) =>
        string.IsNullOrWhiteSpace(pattern) ? null : DirectorySyncOptions.Pattern(pattern);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
