using System.Globalization;
using QaBot.Core.Framework;

namespace QaBot.Core.Organisation.Import;

/// <summary>
/// Checks an import against the catalogue and the stored directory, and works out the changes. Every problem is
/// collected (with its file, line and field) before anything is decided; a plan with problems must not be applied.
/// </summary>
public static class DirectoryImportPlanner
{
    public const string DateFormat = "yyyy-MM-dd";

    public static DirectoryImportPlan Plan(DirectoryImportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<ImportProblem>();
        var warnings = new List<string>();

        var currentAreas = input.Current.Areas.ToDictionary(a => a.Value.Id);
        var (tree, areaChanges) = input.Areas is null
            ? (input.Current.Tree, new List<AreaChange>())
            : PlanAreas(input.AreasFile ?? "areas file", input.Areas, currentAreas, problems);

        if (tree.Root is null && input.Areas is null)
        {
            problems.Add(new ImportProblem(input.PeopleFile, 1, null, "no areas are defined yet: give the areas file with --areas"));
        }

        var rows = ParsePeople(input, tree, problems);
        var currentPeople = input.Current.People.ToDictionary(p => p.Value.Id);
        ResolveManagers(input, rows, currentPeople, problems);
        CheckUpnsAgainstDirectory(input, rows, currentPeople, problems);

        if (input.Areas is not null)
        {
            var inFile = rows.Select(r => r.Id).ToHashSet();
            foreach (var other in input.Current.People.Select(p => p.Value).Where(p => p.Active && p.Source != input.Source && !inFile.Contains(p.Id)))
            {
                foreach (var area in other.Areas.Where(a => !tree.IsCurrent(a)))
                {
                    problems.Add(new ImportProblem(input.AreasFile ?? "areas file", 1, null,
                        $"area {area} is missing from the file but person {other.Id} (from {other.Source}) still works there"));
                }
            }
        }

        if (problems.Count > 0)
        {
            return new DirectoryImportPlan(Order(problems), [], [], [], 0, null);
        }

        var changes = new List<PersonChange>();
        var unchanged = 0;
        var desiredPeople = input.Current.People.ToDictionary(p => p.Value.Id, p => p.Value);
        var byId = rows.ToDictionary(r => r.Id);

        foreach (var row in rows)
        {
            currentPeople.TryGetValue(row.Id, out var stored);
            var before = stored?.Value;
            var after = new Person(
                row.Id,
                row.Upn,
                row.DisplayName,
                row.JobTitle,
                row.Areas,
                MergeRoles(before?.Roles ?? [], row.Roles, input.Today),
                row.Manager,
                row.StartDate,
                Active: true,
                LeftOn: null,
                input.Source);

            desiredPeople[row.Id] = after;
            if (before is not null && before.SameAs(after))
            {
                unchanged++;
                continue;
            }

            var kind = before is null ? ChangeKind.Added : before.Active ? ChangeKind.Updated : ChangeKind.Reactivated;
            changes.Add(new PersonChange(kind, before, stored?.Version, after, Describe(before, after), null));
        }

        var leavers = input.Current.People
            .Where(p => p.Value.Active && p.Value.Source == input.Source && !byId.ContainsKey(p.Value.Id))
            .ToList();
        foreach (var leaver in leavers)
        {
            var before = leaver.Value;
            var after = before with
            {
                Active = false,
                LeftOn = input.Today,
                Roles = before.Roles.Select(r => r.IsCurrent ? r with { End = r.Start > input.Today ? r.Start : input.Today } : r).ToList(),
            };
            desiredPeople[after.Id] = after;
            changes.Add(new PersonChange(ChangeKind.Deactivated, before, leaver.Version, after, ["active"], null));
        }

        var desired = new OrganisationChart(tree, desiredPeople.Values, input.Policy);
        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i].Kind != ChangeKind.Deactivated)
            {
                continue;
            }

            var target = ItemsTarget(desired, changes[i].Before!, input.Today);
            if (target is null)
            {
                warnings.Add($"person {changes[i].After.Id} is leaving and nobody is above them to take their open items; the items stay with them");
            }

            changes[i] = changes[i] with { ItemsGoTo = target };
        }

        return new DirectoryImportPlan([], warnings, areaChanges, changes, unchanged, desired);
    }

    /// <summary>A leaver's items go to their line manager if the manager stays, else to the head of the area above them.</summary>
    private static Person? ItemsTarget(OrganisationChart desired, Person leaverBefore, DateOnly today)
    {
        if (leaverBefore.LineManager is { } managerId && desired.Find(managerId) is { Active: true } manager)
        {
            return manager;
        }

        // Judge leadership as it was before they left: a team manager who leaves escalates above their own team.
        AreaId? start = desired.Policy.LeaderRoles.Any(r => leaverBefore.HoldsRole(r, today)) ? leaverBefore.HomeArea.Parent : leaverBefore.HomeArea;
        for (var area = start; area is { } a; area = a.Parent)
        {
            var leader = desired.LeadersOf(a, today).FirstOrDefault(l => l.Id != leaverBefore.Id);
            if (leader is not null)
            {
                return leader;
            }
        }

        return null;
    }

    private static (AreaTree Tree, List<AreaChange> Changes) PlanAreas(
        string file,
        IReadOnlyList<AreaRow> rows,
        Dictionary<AreaId, Versioned<Area>> current,
        List<ImportProblem> problems)
    {
        var parsed = new List<(AreaRow Row, AreaId Id, string Name, AreaKind Kind)>();
        var roots = rows.Where(r => ParseKind(r.Kind) == AreaKind.Department).ToList();
        if (roots.Count == 0)
        {
            problems.Add(new ImportProblem(file, rows.Count > 0 ? rows[0].Line : 1, "kind", "no area has kind department: the file must start from the department"));
            return (AreaTree.Empty, []);
        }

        foreach (var extra in roots.Skip(1))
        {
            problems.Add(new ImportProblem(file, extra.Line, "kind", $"a second department; the department is already on line {roots[0].Line}"));
        }

        var rootSegments = AreaTree.SplitPath(roots[0].Path);
        if (rootSegments.Count != 1 || AreaId.SlugOf(rootSegments[0]).Length == 0)
        {
            problems.Add(new ImportProblem(file, roots[0].Line, "path", "the department's path is its name alone"));
            return (AreaTree.Empty, []);
        }

        var rootId = AreaId.Root(rootSegments[0]);
        var seen = new Dictionary<AreaId, int>();
        foreach (var row in rows)
        {
            var kind = ParseKind(row.Kind);
            if (kind is null)
            {
                problems.Add(new ImportProblem(file, row.Line, "kind", $"'{row.Kind}' is not a kind of area; use department, division, service, locality or team"));
                continue;
            }

            var segments = AreaTree.SplitPath(row.Path);
            if (segments.Count == 0 || segments.Any(s => AreaId.SlugOf(s).Length == 0))
            {
                problems.Add(new ImportProblem(file, row.Line, "path", $"'{row.Path}' is not an area path: names separated by ' > '"));
                continue;
            }

            AreaId id;
            var start = 0;
            if (AreaId.SlugOf(segments[0]) == rootId.Value)
            {
                id = rootId;
                start = 1;
            }
            else
            {
                id = rootId;
            }

            for (var i = start; i < segments.Count; i++)
            {
                id = id.Child(segments[i]);
            }

            if (seen.TryGetValue(id, out var firstLine))
            {
                problems.Add(new ImportProblem(file, row.Line, "path", $"the same area as line {firstLine} (names that differ only in case or punctuation are the same area)"));
                continue;
            }

            seen[id] = row.Line;
            parsed.Add((row, id, segments[^1], kind.Value));
        }

        var kinds = parsed.ToDictionary(p => p.Id, p => p.Kind);
        foreach (var (row, id, _, kind) in parsed)
        {
            if (id.Parent is not { } parent)
            {
                continue;
            }

            if (!kinds.TryGetValue(parent, out var parentKind))
            {
                problems.Add(new ImportProblem(file, row.Line, "path", $"its parent area '{ParentPath(row.Path)}' is not in the file"));
            }
            else if (kind <= parentKind)
            {
                problems.Add(new ImportProblem(file, row.Line, "kind",
                    $"a {kind.ToString().ToLowerInvariant()} cannot sit inside a {parentKind.ToString().ToLowerInvariant()} (the order is department > division > service > locality > team)"));
            }
        }

        if (problems.Count > 0)
        {
            return (AreaTree.Empty, []);
        }

        var changes = new List<AreaChange>();
        var desired = new List<Area>();
        foreach (var (_, id, name, kind) in parsed)
        {
            var area = new Area(id, name, kind);
            desired.Add(area);
            if (!current.TryGetValue(id, out var stored))
            {
                changes.Add(new AreaChange(ChangeKind.Added, area, null));
            }
            else if (stored.Value != area)
            {
                changes.Add(new AreaChange(ChangeKind.Updated, area, stored.Version));
            }
        }

        foreach (var stored in current.Values.Where(a => !seen.ContainsKey(a.Value.Id)))
        {
            var retired = stored.Value with { Retired = true };
            desired.Add(retired);
            if (!stored.Value.Retired)
            {
                changes.Add(new AreaChange(ChangeKind.Retired, retired, stored.Version));
            }
        }

        // Parents are created before children; retirements come last, after people have moved out.
        changes.Sort((a, b) => a.Kind == ChangeKind.Retired == (b.Kind == ChangeKind.Retired)
            ? a.After.Id.Depth.CompareTo(b.After.Id.Depth)
            : a.Kind == ChangeKind.Retired ? 1 : -1);
        return (new AreaTree(desired), changes);
    }

    private static string ParentPath(string path)
    {
        var cut = path.LastIndexOf('>');
        return cut < 0 ? path : path[..cut].Trim();
    }

    private static AreaKind? ParseKind(string text) =>
        Enum.TryParse<AreaKind>(text.Trim(), ignoreCase: true, out var kind) && !int.TryParse(text, out _) ? kind : null;

    private sealed record ParsedRow(
        int Line,
        PersonId Id,
        string Upn,
        string DisplayName,
        string JobTitle,
        IReadOnlyList<AreaId> Areas,
        IReadOnlyList<RoleAssignment> Roles,
        string ManagerUpn,
        DateOnly StartDate)
    {
        public PersonId? Manager { get; set; }
    }

    private static List<ParsedRow> ParsePeople(DirectoryImportInput input, AreaTree tree, List<ImportProblem> problems)
    {
        var file = input.PeopleFile;
        var rows = new List<ParsedRow>();
        var ids = new Dictionary<PersonId, int>();
        var upns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        foreach (var row in input.People)
        {
            var before = problems.Count;
            void Problem(string field, string message) => problems.Add(new ImportProblem(file, row.Line, field, message));

            PersonId id = default;
            if (!PersonId.TryParse(row.ObjectId, out id))
            {
                Problem("objectId", row.ObjectId.Length == 0 ? "missing: the person's Entra object id" : $"'{row.ObjectId}' is not an Entra object id (a GUID)");
            }
            else if (ids.TryGetValue(id, out var firstLine))
            {
                Problem("objectId", $"duplicate person: {id} is already on line {firstLine}");
            }
            else
            {
                ids[id] = row.Line;
            }

            var upn = row.Upn.Trim();
            if (!IsUpn(upn))
            {
                Problem("upn", upn.Length == 0 ? "missing: the person's user principal name" : $"'{upn}' is not a user principal name (name@domain)");
            }
            else if (upns.TryGetValue(upn, out var firstLine))
            {
                Problem("upn", $"duplicate person: {upn} is already on line {firstLine}");
            }
            else
            {
                upns[upn] = row.Line;
            }

            var displayName = row.DisplayName.Trim();
            if (displayName.Length == 0)
            {
                Problem("displayName", "missing");
            }

            DateOnly start = default;
            if (!DateOnly.TryParseExact(row.StartDate.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
            {
                Problem("startDate", row.StartDate.Length == 0 ? "missing: the date they started (yyyy-MM-dd)" : $"'{row.StartDate}' is not a date in the form yyyy-MM-dd");
            }

            var roles = ParseRoles(row.Roles, start, input.KnownRoles, Problem);
            var areas = ParseAreas(row.AreaPath, tree, Problem);

            if (problems.Count == before)
            {
                rows.Add(new ParsedRow(row.Line, id, upn, displayName, row.JobTitle.Trim(), areas, roles, row.ManagerUpn.Trim(), start));
            }
        }

        return rows;
    }

    private static bool IsUpn(string upn)
    {
        var at = upn.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < upn.Length - 1 && at == upn.LastIndexOf('@') && !upn.Any(char.IsWhiteSpace) && !upn.Contains(',', StringComparison.Ordinal);
    }

    private static List<RoleAssignment> ParseRoles(string text, DateOnly personStart, IReadOnlySet<RoleId> known, Action<string, string> problem)
    {
        var roles = new List<RoleAssignment>();
        foreach (var part in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var at = part.IndexOf('@', StringComparison.Ordinal);
            var idText = at < 0 ? part : part[..at].Trim();
            var role = new RoleId(idText);
            var start = personStart;
            if (at >= 0 && !DateOnly.TryParseExact(part[(at + 1)..].Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
            {
                problem("roles", $"'{part}': the start date after @ must be yyyy-MM-dd");
                continue;
            }

            if (!known.Contains(role))
            {
                var suggestions = known
                    .Select(k => (Role: k.Value, Distance: AreaTree.EditDistance(idText.ToLowerInvariant(), k.Value)))
                    .Where(x => x.Distance <= Math.Max(2, idText.Length / 3))
                    .OrderBy(x => x.Distance)
                    .ThenBy(x => x.Role, StringComparer.Ordinal)
                    .Take(2)
                    .Select(x => $"'{x.Role}'")
                    .ToList();
                problem("roles", $"unknown role '{idText}'" + (suggestions.Count > 0 ? $" (did you mean {string.Join(" or ", suggestions)}?)" : " (qabot framework roles lists the role ids)"));
                continue;
            }

            if (roles.Any(r => r.Role == role))
            {
                problem("roles", $"role '{idText}' is listed twice");
                continue;
            }

            roles.Add(new RoleAssignment(role, start));
        }

        return roles;
    }

    private static List<AreaId> ParseAreas(string text, AreaTree tree, Action<string, string> problem)
    {
        var areas = new List<AreaId>();
        var paths = text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (paths.Length == 0)
        {
            problem("areaPath", "missing: the area they work in, e.g. Early Help & Safeguarding > Locality: Chesterfield > Team 3");
            return areas;
        }

        foreach (var path in paths)
        {
            if (tree.Root is null)
            {
                return areas;
            }

            var area = tree.FindByPath(path);
            if (area is null)
            {
                var suggestions = tree.Suggest(path, 2).Select(a => $"'{tree.PathOf(a.Id)}'").ToList();
                problem("areaPath", $"unknown area '{path}'" + (suggestions.Count > 0 ? $" (did you mean {string.Join(" or ", suggestions)}?)" : ""));
            }
            else if (areas.Contains(area.Id))
            {
                problem("areaPath", $"area '{path}' is listed twice");
            }
            else
            {
                areas.Add(area.Id);
            }
        }

        return areas;
    }

    private static void ResolveManagers(
        DirectoryImportInput input,
        List<ParsedRow> rows,
        Dictionary<PersonId, Versioned<Person>> current,
        List<ImportProblem> problems)
    {
        var inFile = rows.ToDictionary(r => r.Upn, r => r.Id, StringComparer.OrdinalIgnoreCase);
        var fileIds = rows.Select(r => r.Id).ToHashSet();
        var fileUpns = input.People.Select(p => p.Upn.Trim()).Where(u => u.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var elsewhere = current.Values
            .Select(v => v.Value)
            .Where(p => p.Active && p.Source != input.Source && !fileIds.Contains(p.Id))
            .GroupBy(p => p.Upn, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);

        // A manager who has left (or leaves with this file) may still be named: their post is vacant, and their team's
        // supervision goes to the manager above until a new or acting manager is named (docs/workforce.md).
        var departed = current.Values
            .Select(v => v.Value)
            .Where(p => !fileIds.Contains(p.Id) && (!p.Active || p.Source == input.Source))
            .OrderByDescending(p => p.Active)
            .ThenByDescending(p => p.LeftOn)
            .GroupBy(p => p.Upn, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);

        foreach (var row in rows)
        {
            if (row.ManagerUpn.Length == 0)
            {
                continue;
            }

            if (string.Equals(row.ManagerUpn, row.Upn, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(new ImportProblem(input.PeopleFile, row.Line, "managerUpn", "a person cannot be their own line manager; leave it empty for someone with no manager"));
            }
            else if (inFile.TryGetValue(row.ManagerUpn, out var managerId) || elsewhere.TryGetValue(row.ManagerUpn, out managerId) || departed.TryGetValue(row.ManagerUpn, out managerId))
            {
                row.Manager = managerId;
            }
            else if (!fileUpns.Contains(row.ManagerUpn))
            {
                problems.Add(new ImportProblem(input.PeopleFile, row.Line, "managerUpn", $"manager '{row.ManagerUpn}' is not in the file or the directory"));
            }
        }

        // A chain of managers that comes back on itself would send escalations round for ever.
        var managerOf = rows.Where(r => r.Manager is not null).ToDictionary(r => r.Id, r => r.Manager!.Value);
        var lines = rows.ToDictionary(r => r.Id, r => r.Line);
        var reported = new HashSet<PersonId>();
        foreach (var row in rows)
        {
            var seen = new List<PersonId> { row.Id };
            for (var next = row.Manager; next is { } m && managerOf.ContainsKey(m); next = managerOf[m])
            {
                if (m == row.Id)
                {
                    if (seen.All(reported.Add))
                    {
                        var cycle = string.Join(", ", seen.Select(s => lines[s]).Order());
                        problems.Add(new ImportProblem(input.PeopleFile, row.Line, "managerUpn", $"line managers go round in a circle (lines {cycle})"));
                    }

                    break;
                }

                if (seen.Contains(m))
                {
                    break;
                }

                seen.Add(m);
            }
        }
    }

    private static void CheckUpnsAgainstDirectory(
        DirectoryImportInput input,
        List<ParsedRow> rows,
        Dictionary<PersonId, Versioned<Person>> current,
        List<ImportProblem> problems)
    {
        var fileIds = rows.Select(r => r.Id).ToHashSet();
        var others = current.Values
            .Select(v => v.Value)
            .Where(p => p.Active && p.Source != input.Source && !fileIds.Contains(p.Id))
            .GroupBy(p => p.Upn, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            if (others.TryGetValue(row.Upn, out var other) && other.Id != row.Id)
            {
                problems.Add(new ImportProblem(input.PeopleFile, row.Line, "upn", $"{row.Upn} already belongs to person {other.Id} in the directory (from {other.Source})"));
            }
        }
    }

    /// <summary>
    /// Keeps role history: a role still listed keeps its assignment (its start date corrected if the file says so);
    /// a role no longer listed ends today; a new role starts on its date.
    /// </summary>
    private static List<RoleAssignment> MergeRoles(IReadOnlyList<RoleAssignment> existing, IReadOnlyList<RoleAssignment> wanted, DateOnly today)
    {
        var result = existing.Where(r => !r.IsCurrent).ToList();
        foreach (var current in existing.Where(r => r.IsCurrent))
        {
            var match = wanted.FirstOrDefault(w => w.Role == current.Role);
            result.Add(match is null ? current with { End = current.Start > today ? current.Start : today } : current with { Start = match.Start });
        }

        foreach (var role in wanted.Where(w => !existing.Any(e => e.IsCurrent && e.Role == w.Role)))
        {
            result.Add(role);
        }

        return result
            .OrderBy(r => r.IsCurrent ? 1 : 0)
            .ThenBy(r => r.Start)
            .ThenBy(r => r.Role.Value, StringComparer.Ordinal)
            .ToList();
    }

    private static List<string> Describe(Person? before, Person after)
    {
        if (before is null)
        {
            return ["new"];
        }

        var what = new List<string>();
        if (!before.Active)
        {
            what.Add("active");
        }

        if (before.Upn != after.Upn)
        {
            what.Add("upn");
        }

        if (before.DisplayName != after.DisplayName)
        {
            what.Add("displayName");
        }

        if (before.JobTitle != after.JobTitle)
        {
            what.Add("jobTitle");
        }

        if (!before.Areas.SequenceEqual(after.Areas))
        {
            what.Add("areaPath");
        }

        if (!before.Roles.SequenceEqual(after.Roles))
        {
            what.Add("roles");
        }

        if (before.LineManager != after.LineManager)
        {
            what.Add("managerUpn");
        }

        if (before.StartDate != after.StartDate)
        {
            what.Add("startDate");
        }

        if (before.Source != after.Source)
        {
            what.Add("source");
        }

        return what;
    }

    private static List<ImportProblem> Order(List<ImportProblem> problems) =>
        problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ToList();
}
