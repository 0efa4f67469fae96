using System.Globalization;
using QaBot.Core.Cases;

namespace QaBot.Demo;

/// <summary>
/// Open statutory cases for the demo council, as rows of a case import (docs/statutory.md): each IRO/CP chair holds
/// a looked-after child's reviews (some with the first review already held), a child protection strategy discussion
/// awaiting its initial conference and, for some, a child protection plan under review; the complaints manager holds
/// complaints at stages 1 and 2. References are made-up numbers in the demo's format; every date is on or before the
/// as-of date, so the chains' next deadlines fall around it.
/// </summary>
public static class DemoCases
{
    public const int FirstReference = 61000;

    public static IReadOnlyList<CaseImportRow> Create(DemoCouncil council, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(council);
        var rows = new List<CaseImportRow>();
        void Row(int reference, string rule, string kind, DateOnly on, string upn) =>
            rows.Add(new CaseImportRow(rows.Count + 2, reference.ToString(CultureInfo.InvariantCulture), rule, kind, on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), upn));

        var iros = council.People.Where(p => HasRole(p.Roles, "iro-cp-chair")).ToList();
        for (var k = 0; k < iros.Count; k++)
        {
            var upn = iros[k].Upn;
            var reference = FirstReference + (k * 10);
            var lookedAfter = asOf.AddDays(-(35 + (3 * k)));
            Row(reference, "cla-review", "started", lookedAfter, upn);
            if (k % 2 == 0)
            {
                Row(reference, "cla-review", "held", asOf.AddDays(-(12 + k)), upn);
            }

            Row(reference + 1, "cp-initial-conference", "started", asOf.AddDays(-(4 + (k % 5))), upn);
            if (k % 3 == 0)
            {
                Row(reference + 2, "cp-review", "started", asOf.AddDays(-(60 + k)), upn);
            }
        }

        if (council.People.FirstOrDefault(p => HasRole(p.Roles, "qa-complaints-manager")) is { } manager)
        {
            var reference = FirstReference + 900;
            foreach (var daysAgo in new[] { 2, 6, 9 })
            {
                Row(reference++, "complaint-stage-1", "started", asOf.AddDays(-daysAgo), manager.Upn);
            }

            Row(reference, "complaint-stage-2", "started", asOf.AddDays(-5), manager.Upn);
        }

        return rows;
    }

    // Roles are written as the people file writes them: "role" or "role@start", separated by ';'.
    private static bool HasRole(string roles, string role) =>
        roles.Split(';').Any(r => r.Split('@')[0].Trim() == role);
}
