namespace QaBot.Core.Framework;

/// <summary>
/// The programme settings: each names the framework phrase whose yearly count the council sets in the catalogue's
/// <c>settings.programmes</c>. The defaults shipped in Data/framework.yaml are documented in docs/framework.md.
/// </summary>
public static class ProgrammeSettings
{
    /// <summary>"Annual programme of meetings".</summary>
    public const string AnnualProgrammeOfMeetings = "annual-programme-of-meetings";

    /// <summary>"Annual programme of visits".</summary>
    public const string AnnualProgrammeOfVisits = "annual-programme-of-visits";

    /// <summary>"Monthly or quarterly rolling programme".</summary>
    public const string MonthlyOrQuarterlyRollingProgramme = "monthly-or-quarterly-rolling-programme";

    /// <summary>"Annual (six sessions)".</summary>
    public const string AnnualSixSessions = "annual-six-sessions";

    /// <summary>"In line with statutory requirements and agreed standards".</summary>
    public const string StatutoryRequirementsAndAgreedStandards = "statutory-requirements-and-agreed-standards";

    /// <summary>The largest count a programme may have in a year (one a day).</summary>
    public const int MaxPerYear = 365;

    public static IReadOnlyList<string> All { get; } =
    [
        AnnualProgrammeOfMeetings,
        AnnualProgrammeOfVisits,
        MonthlyOrQuarterlyRollingProgramme,
        AnnualSixSessions,
        StatutoryRequirementsAndAgreedStandards,
    ];
}
