using System.Globalization;
using QaBot.Core.Organisation;

namespace QaBot.Demo;

/// <summary>
/// The demo council's annual programmes of visits and meetings for the year being planned (<see cref="Year"/>): the
/// Executive Director has planned three of the four visits her programme of visits asks for and all four meetings of her
/// programme of meetings; the Director of Early Help &amp; Safeguarding has planned one visit of four and no meetings; the
/// Director of Schools &amp; Learning has planned two meetings of the Future Shape: Education board. So
/// <c>qabot programme show</c> and "my programme" in Teams show programmes full and short. Deterministic: the same
/// chart and day give the same entries.
/// </summary>
public static class DemoProgrammes
{
    /// <summary>
    /// The year planned on <paramref name="asOf"/>: the year the programmes start (<paramref name="from"/>) when that is
    /// still to come, else next year from October, else this year.
    /// </summary>
    public static int Year(DateOnly asOf, DateOnly? from) =>
        from is { } start && start > asOf ? start.Year : asOf.Month >= 10 ? asOf.Year + 1 : asOf.Year;

    public static IReadOnlyList<DemoProgrammeEntry> Create(OrganisationChart chart, DateOnly asOf, DateOnly? from)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var year = Year(asOf, from);

        // The months still to come in the year: from January when the year is ahead, else from next month.
        var first = year > asOf.Year ? 1 : asOf.Month + 1;
        string Month(int offset) => new DateOnly(year, Math.Min(12, first + offset), 1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        string Day(int offset, int day) => new DateOnly(year, Math.Min(12, first + offset), day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var entries = new List<DemoProgrammeEntry>();
        void Add(PersonId person, string duty, string what, string when)
        {
            if (chart.Find(person) is { Active: true } found)
            {
                entries.Add(new DemoProgrammeEntry(found.Upn, duty, what, when));
            }
        }

        Add(DemoCouncil.KeyPeople.ExecutiveDirector, "exec-director-front-line-visits", "Chesterfield locality social work teams", Month(0));
        Add(DemoCouncil.KeyPeople.ExecutiveDirector, "exec-director-front-line-visits", "Oakwood House children's home", Day(2, 10));
        Add(DemoCouncil.KeyPeople.ExecutiveDirector, "exec-director-front-line-visits", "Virtual School team", Month(5));
        Add(DemoCouncil.KeyPeople.ExecutiveDirector, "exec-director-performance-scrutiny", "Corporate Parenting Board", Day(0, 18));
        Add(DemoCouncil.KeyPeople.ExecutiveDirector, "exec-director-performance-scrutiny", "DDSCP Executive Board", Month(2));
        Add(DemoCouncil.KeyPeople.ExecutiveDirector, "exec-director-performance-scrutiny", "Cabinet: children's services performance report", Month(4));
        Add(DemoCouncil.KeyPeople.ExecutiveDirector, "exec-director-performance-scrutiny", "Corporate Management Team", Month(7));
        Add(DemoCouncil.KeyPeople.DirectorEarlyHelp, "service-director-front-line-visits", "Bolsover locality early help team", Month(1));
        Add(DemoCouncil.KeyPeople.DirectorSchools, "director-sl-future-shape-education", "Future Shape: Education board", Month(1));
        Add(DemoCouncil.KeyPeople.DirectorSchools, "director-sl-future-shape-education", "Future Shape: Education board", Month(6));
        return entries;
    }
}

/// <summary>One planned visit or meeting of a demo programme, in the words the CLI takes.</summary>
public sealed record DemoProgrammeEntry(string Upn, string Duty, string What, string When);
