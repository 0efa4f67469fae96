using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Testing.Data;

namespace QaBot.Testing.Scheduling;

/// <summary>
/// A framework catalogue built by hand with the rhythms of the council's framework (section 3), for schedule tests
/// and benchmarks that must not depend on the catalogue file's wording.
/// </summary>
public static class SampleFramework
{
    public static readonly RoleId TeamManager = new("team-manager");
    public static readonly RoleId AllStaff = new("all-staff");
    public static readonly RoleId DirectorSchools = new("director-schools-and-learning");
    public static readonly RoleId Iro = new("iro-cp-chair");

    public static readonly DutyId Supervision = new("team-manager-supervision");
    public static readonly DutyId MyPlan = new("team-manager-my-plan-pdr");
    public static readonly DutyId ReflectiveCaseReview = new("team-manager-reflective-case-review");
    public static readonly DutyId ParticipateInSupervision = new("all-staff-participate-in-supervision");
    public static readonly DutyId CmeLineOfSight = new("director-schools-cme-line-of-sight");
    public static readonly DutyId ParentCarerVoice = new("director-schools-parent-carer-voice");
    public static readonly DutyId LocalityScrutiny = new("hos-ehs-locality-scrutiny");

    public static FrameworkCatalogue Catalogue { get; } = Build();

    /// <summary>The council's calendar as shipped (bank holidays, Derbyshire terms, council years) from the output folder.</summary>
    public static CouncilCalendar Calendar => LazyCalendar.Value;

    private static readonly Lazy<CouncilCalendar> LazyCalendar =
        new(() => ShippedData.LoadCalendar());

    private static FrameworkCatalogue Build()
    {
        var roles = new List<Role>
        {
            Role("elected-members", "Elected Members",
                D("elected-members-monitor-performance", new ProgrammeRhythm("elected-members-meetings", 6)),
                D("elected-members-children-in-care-councils", FixedRhythm.Of(FixedCadence.Quarterly)),
                D("elected-members-big-conversation", FixedRhythm.Of(FixedCadence.Yearly)),
                D("elected-members-takeover", FixedRhythm.Of(FixedCadence.Yearly)),
                D("elected-members-qa-overview", FixedRhythm.Of(FixedCadence.Monthly)),
                D("elected-members-qa-activity", FixedRhythm.Of(FixedCadence.Yearly))),
            Role("executive-director", "Executive Director of Children's Services",
                D("executive-director-practice-learning-visits", new FixedRhythm(FixedCadence.TimesPerYear, 6)),
                D("executive-director-front-line-visits", new ProgrammeRhythm("executive-director-visits", 12)),
                D("executive-director-chair-qa-board", FixedRhythm.Of(FixedCadence.EveryTwoMonths)),
                D("executive-director-performance-measures", new ProgrammeRhythm("executive-director-meetings", 10)),
                D("executive-director-audit-outcomes", FixedRhythm.Of(FixedCadence.EveryTwoMonths)),
                D("executive-director-children-in-care-councils", FixedRhythm.Of(FixedCadence.TwiceYearly)),
                D("executive-director-management-seminars", new ProgrammeRhythm("management-seminars", 6)),
                D("executive-director-engagement-forum", FixedRhythm.Of(FixedCadence.TwiceYearly)),
                D("executive-director-show-me-tell-me", new ProgrammeRhythm("show-me-tell-me", 12)),
                D("executive-director-triad", FixedRhythm.Of(FixedCadence.Yearly)),
                D("executive-director-sampling", FixedRhythm.Of(FixedCadence.Monthly))),
            Role("service-director", "Service Directors",
                D("service-director-visits", new ProgrammeRhythm("service-director-visits", 12)),
                D("service-director-performance-measures", new ProgrammeRhythm("service-director-meetings", 10)),
                D("service-director-talk-back", FixedRhythm.Of(FixedCadence.Yearly)),
                D("service-director-audit-results", FixedRhythm.Of(FixedCadence.EveryTwoMonths)),
                D("service-director-children-in-care-councils", FixedRhythm.Of(FixedCadence.TwiceYearly)),
                D("service-director-show-me-tell-me", FixedRhythm.Of(FixedCadence.Yearly)),
                D("service-director-practice-observations", new NoCadence(NoCadenceReason.AsRelevant))),
            Role("director-early-help-safeguarding", "Director, Early Help & Safeguarding",
                D("director-ehs-reflective-case-review", FixedRhythm.Of(FixedCadence.EveryTwoMonths)),
                D("director-ehs-practice-learning-days", new FixedRhythm(FixedCadence.TimesPerYear, 6)),
                D("director-ehs-focus-group", FixedRhythm.Of(FixedCadence.Quarterly)),
                D("director-ehs-cre-oversight", FixedRhythm.Of(FixedCadence.Monthly))),
            Role(DirectorSchools.Value, "Director, Schools and Learning",
                D("director-schools-future-shape", new ProgrammeRhythm("future-shape-meetings", 4)),
                D(CmeLineOfSight.Value, new SchoolRhythm(SchoolCadence.HalfTermly)),
                D(ParentCarerVoice.Value, new SchoolRhythm(SchoolCadence.MonthlyInTermTime))),
            Role("heads-of-service", "All Assistant Directors and/or Heads of Service",
                D("heads-of-service-practice-observations", FixedRhythm.Of(FixedCadence.Quarterly)),
                D("heads-of-service-sampling", new NoCadence(NoCadenceReason.AsRelevant)),
                D("heads-of-service-monitor-data", new NoCadence(NoCadenceReason.AsRequired)),
                D("heads-of-service-final-scrutiny", new NoCadence(NoCadenceReason.Ongoing))),
            Role("heads-of-service-ehs", "Assistant Directors and/or Heads of Service (Early Help & Safeguarding)",
                D("hos-ehs-qa-results", FixedRhythm.Of(FixedCadence.EveryTwoMonths)),
                D(LocalityScrutiny.Value, FixedRhythm.Of(FixedCadence.TwiceMonthly)),
                D("hos-ehs-cre-panels", FixedRhythm.Of(FixedCadence.Monthly))),
            Role("head-cp-iro", "Head of Child Protection and IRO service",
                D("head-cp-iro-report", FixedRhythm.Of(FixedCadence.Yearly)),
                D("head-cp-iro-annual-report", FixedRhythm.Of(FixedCadence.Yearly)),
                D("head-cp-iro-dissents", new NoCadence(NoCadenceReason.AsRequired))),
            Role("head-children-in-care", "Head of Children in Care Provision",
                D("head-cic-fostering-adoption-reports", FixedRhythm.Of(FixedCadence.Yearly))),
            Role("head-performance-quality", "Head of Performance, Quality & Participation",
                D("head-pqp-complaints-report", FixedRhythm.Of(FixedCadence.Yearly)),
                D("head-pqp-reg44-themes", FixedRhythm.Of(FixedCadence.Quarterly))),
            Role(TeamManager.Value, "Team Managers",
                D(Supervision.Value, FixedRhythm.Of(FixedCadence.Monthly), perReport: true),
                D(MyPlan.Value, FixedRhythm.Of(FixedCadence.TwiceYearly), perReport: true),
                D("team-manager-monitor-data", new NoCadence(NoCadenceReason.AsRequired)),
                D(ReflectiveCaseReview.Value, FixedRhythm.Of(FixedCadence.EveryTwoMonths)),
                D("team-manager-practice-observations", new NoCadence(NoCadenceReason.Ongoing))),
            Role("complaints-manager", "Assistant Head of Service (QA) & Complaints Manager",
                D("complaints-manager-responses", new StatutoryRhythm(["complaint-stage-1", "complaint-stage-2", "complaint-stage-3"]))),
            Role(Iro.Value, "Independent Reviewing Officers/Child Protection Managers and/or Chairs",
                D("iro-quality-assure-plans", new StatutoryRhythm(["cla-review", "cp-review"]))),
            Role(AllStaff.Value, "All staff",
                D("all-staff-apply-policies", new NoCadence(NoCadenceReason.Ongoing)),
                D("all-staff-seek-learning", new NoCadence(NoCadenceReason.Ongoing)),
                D(ParticipateInSupervision.Value, FixedRhythm.Of(FixedCadence.Monthly), metBy: [Supervision, MyPlan])),
        };

        return new FrameworkCatalogue(roles, [], []);
    }

    private static Role Role(string id, string name, params Func<RoleId, int, Duty>[] duties) =>
        new(new RoleId(id), name, duties.Select((make, i) => make(new RoleId(id), i + 1)).ToList());

    private static Func<RoleId, int, Duty> D(string id, Rhythm rhythm, bool perReport = false, DutyId[]? metBy = null) =>
        (role, line) => new Duty(
            new DutyId(id),
            role,
            id.Replace('-', ' '),
            "Sample duty for schedule tests",
            rhythm.ToString(),
            rhythm,
            perReport,
            new SourceRow("3.0", role.Value, line),
            metBy ?? []);
}
