using QaBot.Core.Framework;

namespace QaBot.Core.Tests.Framework;

/// <summary>
/// The shipped catalogue against the council's framework document. The expected wording is typed here by hand from
/// the document (section 3.0's table and Appendix A); the tests never read the document itself.
/// </summary>
[Trait("Category", "Fast")]
public sealed class CatalogueContentTests
{
    private static FrameworkCatalogue Catalogue => ShippedCatalogue.Catalogue;

    public sealed record ExpectedDuty(
        string Id,
        string Role,
        string TableRole,
        int Line,
        string Task,
        string Frequency,
        string Purpose,
        Rhythm Rhythm,
        bool PerReport = false);

    public static TheoryData<ExpectedDuty> SampleDuties => new()
    {
        new ExpectedDuty(
            "member-children-in-care-councils", "elected-member", "Elected Members", 2,
            "Meet with children in care &, care leavers’ councils",
            "Quarterly",
            "To gain their views and inform decisions by Corporate Parenting Board",
            new FixedRhythm(FixedCadence.Quarterly, 4)),
        new ExpectedDuty(
            "member-qa-overview", "lead-member", "Elected Members", 5,
            "Maintain an overview of the quality assurance programme, key findings and the department’s annual self-evaluation.",
            "Via monthly briefings with Director for Performance Quality and Partnerships",
            "Monitor the quality of services and outcomes for children and young people",
            new FixedRhythm(FixedCadence.Monthly, 12)),
        new ExpectedDuty(
            "exec-director-learning-day-visits", "executive-director", "Executive Director of Children’s Services", 1,
            "Visit services following on from practice learning days, to discuss progress with the development plan",
            "Six per year",
            "Oversee and ensure progress on improvement priorities",
            new FixedRhythm(FixedCadence.TimesPerYear, 6)),
        new ExpectedDuty(
            "exec-director-chair-qa-transformation-board", "executive-director", "Executive Director of Children’s Services", 3,
            "Chair Departmental Quality Assurance and Transformation Board",
            "Bi-monthly meetings",
            "Oversee and ensure progress on improvement priorities",
            new FixedRhythm(FixedCadence.EveryTwoMonths, 6)),
        new ExpectedDuty(
            "exec-director-management-seminars", "executive-director", "Executive Director of Children’s Services", 7,
            "Management seminars",
            "Annual (six sessions)",
            "To gather feedback and undertake planning activity with managers across the department",
            new ProgrammeRhythm("annual-six-sessions", 6)),
        new ExpectedDuty(
            "exec-director-show-me-tell-me", "executive-director", "Executive Director of Children’s Services", 9,
            "‘Show me, tell me’ sessions",
            "Monthly or quarterly rolling programme",
            "Informal conversation with staff to understand their views and service issues",
            new ProgrammeRhythm("monthly-or-quarterly-rolling-programme", 4)),
        new ExpectedDuty(
            "service-director-talk-back-sessions", "service-director", "Service Directors", 3,
            "Talk-back sessions",
            "Annual – attend at least one session",
            "Informal conversation with staff to understand their views and service issues",
            new FixedRhythm(FixedCadence.Yearly, 1)),
        new ExpectedDuty(
            "service-director-practice-observation", "service-director", "Service Directors", 9,
            "Regular practice observations and sampling of work",
            "As relevant to each role",
            "Ensure ‘line of sight’ on quality of practice",
            new NoCadence(NoCadenceReason.AsRelevant)),
        new ExpectedDuty(
            "director-ehs-chair-cre-oversight", "director-early-help-safeguarding", "Director, Early Help & Safeguarding", 4,
            "Chair high risk CRE oversight meeting",
            "Monthly",
            "Provide oversight of risk management at child level",
            new FixedRhythm(FixedCadence.Monthly, 12)),
        new ExpectedDuty(
            "director-sl-chair-cme-line-of-sight", "director-schools-learning", "Director, Schools and Learning", 2,
            "Chair ‘line of sight’ meetings for children missing education (also attended by Director for Early Help & Safeguarding)",
            "Half-termly",
            "Improve identification and response to children at risk of missing education",
            new SchoolRhythm(SchoolCadence.HalfTermly)),
        new ExpectedDuty(
            "director-sl-parent-carer-voice", "director-schools-learning", "Director, Schools and Learning", 3,
            "Meet with Derbyshire Parent Carer Voice",
            "Monthly (term-time)",
            "Gain feedback from parents of children with SEND",
            new SchoolRhythm(SchoolCadence.MonthlyInTermTime)),
        new ExpectedDuty(
            "head-of-service-ehs-chair-locality-scrutiny", "head-of-service-early-help-safeguarding",
            "Assistant Directors and/or Heads of Service (Early Help & Safeguarding)", 2,
            "Chair locality scrutiny meetings",
            "Two per month",
            "Scrutinise plans for children to ensure timely and appropriate decision-making",
            new FixedRhythm(FixedCadence.TwiceMonthly, 24)),
        new ExpectedDuty(
            "head-cp-iro-cp-performance-report", "head-of-child-protection-iro", "Head of Child Protection and IRO service", 1,
            "Report to DDSCP and the senior management team on child protection performance, including Local Authority Designated Officer (LADO)",
            "Minimum of annually",
            "Independent evaluation of quality and impact for children",
            new FixedRhythm(FixedCadence.Yearly, 1)),
        new ExpectedDuty(
            "head-pqp-regulation-44-visits", "head-of-performance-quality-participation", "Head of Performance, Quality & Participation", 2,
            "Ensure completion of Regulation 44 visits to children’s homes",
            "Quarterly report on themes",
            "Gain and use learning from independent visits",
            new FixedRhythm(FixedCadence.Quarterly, 4)),
        new ExpectedDuty(
            "team-manager-supervision", "team-manager", "Team Managers", 1,
            "1-2-1 Supervisions/My Plans/Personal Development Reviews (PDR)",
            "Monthly supervision, bi-annual My Plan/PDR",
            "Monitor performance, develop practice and improve service delivery",
            new FixedRhythm(FixedCadence.Monthly, 12),
            PerReport: true),
        new ExpectedDuty(
            "team-manager-my-plan-pdr", "team-manager", "Team Managers", 1,
            "1-2-1 Supervisions/My Plans/Personal Development Reviews (PDR)",
            "Monthly supervision, bi-annual My Plan/PDR",
            "Monitor performance, develop practice and improve service delivery",
            new FixedRhythm(FixedCadence.TwiceYearly, 2),
            PerReport: true),
        new ExpectedDuty(
            "team-manager-reflective-case-review", "team-manager", "Team Managers", 3,
            "Undertake bi-monthly manager reflective case review (if applicable)",
            "Bi-monthly",
            "Monitor practice standards and multi-agency processes",
            new FixedRhythm(FixedCadence.EveryTwoMonths, 6)),
        new ExpectedDuty(
            "complaints-response", "qa-complaints-manager", "Assistant Head of Service (QA) & Complaints Manager", 1,
            "Manage children’s services response to all complaints and representations received",
            "On-going and in line with relevant procedure",
            "Ensure timely and effective response to all complaints and representations received by children’s services",
            new StatutoryRhythm(["complaint-stage-1", "complaint-stage-2", "complaint-stage-3"])),
        new ExpectedDuty(
            "iro-quality-assure-planning", "iro-cp-chair", "Independent Reviewing Officers/Child Protection Managers and/or Chairs", 1,
            "Quality assure all child protection and looked after children planning",
            "In line with statutory intervals and agreed standards",
            "Ensure clear, focused and appropriate plans are in place and reviewed for all children subject to CP plans or looked after.\n" +
            "Provide robust challenge to practice as required and use escalation arrangements effectively where appropriate",
            new StatutoryRhythm(["cla-review", "cp-initial-conference", "cp-review"])),
        new ExpectedDuty(
            "staff-supervision-participation", "all-staff", "All staff", 3,
            "Participate in regular supervision and My Plans/PDRs",
            "As set out in the relevant policies",
            "Ensure everyone has clear objectives and support; ensure timely decision- making",
            new NoCadence(NoCadenceReason.AsSetOutInPolicy)),
    };

    [Theory]
    [MemberData(nameof(SampleDuties))]
    public void Duty_Sample_MatchesTheFrameworkWordingFieldByField(ExpectedDuty expected)
    {
        var duty = Catalogue.FindDuty(new DutyId(expected.Id));

        Assert.NotNull(duty);
        Assert.Equal(expected.Role, duty.RoleId.Value);
        Assert.Equal(expected.Task, duty.Task);
        Assert.Equal(expected.Frequency, duty.Frequency);
        Assert.Equal(expected.Purpose, duty.Purpose);
        Assert.Equal(expected.Rhythm, duty.Rhythm);
        Assert.Equal(expected.PerReport, duty.PerReport);
        Assert.Equal(new SourceRow("3.0", expected.TableRole, expected.Line), duty.SourceRow);
    }

    [Fact]
    public void Duty_LeadMembersBriefings_GivenMonthlyByTheDirectorTheMembersLineNames()
    {
        var overview = Catalogue.FindDuty(new DutyId("member-qa-overview"))!;
        var briefings = Catalogue.FindDuty(new DutyId("director-pqp-lead-member-briefings"))!;

        Assert.Equal(("lead-member", "Lead Member for Children’s Services"), (overview.RoleId.Value, Catalogue.FindRole(overview.RoleId)!.Name));
        Assert.Equal(
            ("director-performance-quality-partnerships", "Director for Performance, Quality and Partnerships", new FixedRhythm(FixedCadence.Monthly, 12)),
            (briefings.RoleId.Value, Catalogue.FindRole(briefings.RoleId)!.Name, briefings.Rhythm));
        Assert.Equal(overview.SourceRow, briefings.SourceRow);
        Assert.Equal(overview.Purpose, briefings.Purpose);
        Assert.DoesNotContain(Catalogue.FindRole(new RoleId("elected-member"))!.Duties, d => d.Id == overview.Id);
    }

    [Fact]
    public void Duty_ElectedMembersMonitoring_KeepsTheBulletedListOfMeetings()
    {
        var duty = Catalogue.FindDuty(new DutyId("member-monitor-performance"))!;

        Assert.Equal(
            "Monitor performance via:\n" +
            "· Cabinet\n" +
            "· Corporate Parenting Board\n" +
            "· Departmental Leadership Team\n" +
            "· Performance Improvement Boards\n" +
            "· Derby & Derbyshire Safeguarding Children Partnership (DDSCP) Chief Officers Group and Executive Board",
            duty.Task);
        Assert.Equal("Annual programme of meetings", duty.Frequency);
        Assert.Equal(new ProgrammeRhythm("annual-programme-of-meetings", 4), duty.Rhythm);
    }

    [Fact]
    public void Duties_OwedPerPersonManaged_AreTheManagersSupervisionAndMyPlan()
    {
        Assert.Equal(
            ["team-manager-supervision", "team-manager-my-plan-pdr", "manager-supervision", "manager-my-plan-pdr"],
            Catalogue.Duties.Where(d => d.PerReport).Select(d => d.Id.Value));
    }

    [Fact]
    public void Duty_StaffSupervisionParticipation_IsMetByTheManagersRecords()
    {
        var duty = Catalogue.FindDuty(new DutyId("staff-supervision-participation"))!;

        Assert.Equal(
            [new DutyId("team-manager-supervision"), new DutyId("team-manager-my-plan-pdr"), new DutyId("manager-supervision"), new DutyId("manager-my-plan-pdr")],
            duty.MetBy);
        Assert.All(Catalogue.Duties.Where(d => d.Id != duty.Id), d => Assert.Empty(d.MetBy));
    }

    [Fact]
    public void Duties_TeamManagersFirstLine_SplitsIntoTwoRhythmsFromItsParts()
    {
        var supervision = Catalogue.FindDuty(new DutyId("team-manager-supervision"))!;
        var myPlan = Catalogue.FindDuty(new DutyId("team-manager-my-plan-pdr"))!;

        Assert.Equal("Monthly supervision", supervision.FrequencyPart);
        Assert.Equal("bi-annual My Plan/PDR", myPlan.FrequencyPart);
        Assert.Equal(supervision.SourceRow, myPlan.SourceRow);
        Assert.Single(Catalogue.Duties, d => d.FrequencyPart is not null && d.RoleId == supervision.RoleId && d.Id != supervision.Id);
    }

    [Fact]
    public void Role_AllManagers_IsHeldByEveryManagerWithTheTeamManagersRhythms()
    {
        var role = Catalogue.FindRole(new RoleId("all-managers"))!;
        var teamManagers = Catalogue.FindRole(new RoleId("team-manager"))!;

        Assert.True(role.EveryManager);
        Assert.All(Catalogue.Roles.Where(r => r.Id != role.Id), r => Assert.False(r.EveryManager));
        Assert.Equal(["manager-supervision", "manager-my-plan-pdr"], role.Duties.Select(d => d.Id.Value));
        Assert.All(role.Duties, d => Assert.True(d.PerReport));
        Assert.All(role.Duties, d => Assert.Equal(new SourceRow("3.0", "All managers (above the table)", 1), d.SourceRow));
        Assert.Equal(teamManagers.Duties.Where(d => d.PerReport).Select(d => d.Rhythm), role.Duties.Select(d => d.Rhythm));
    }

    [Fact]
    public void Duties_ThatAreAppendixABodies_AreLinkedToThem()
    {
        var links = Catalogue.Duties.Where(d => d.Body is not null)
            .Select(d => (d.Id.Value, d.Meeting, d.Body!.Value.Value))
            .ToList();

        Assert.Equal(
            [
                ("exec-director-chair-qa-transformation-board", MeetingPart.Chair, "qa-transformation-board"),
                ("director-ehs-chair-cre-oversight", MeetingPart.Chair, "high-risk-cre-oversight-meeting"),
                ("director-sl-future-shape-education", MeetingPart.Attend, "future-shape-education-board"),
                ("director-sl-chair-cme-line-of-sight", MeetingPart.Chair, "cme-line-of-sight"),
            ],
            links);
    }

    [Fact]
    public void Duties_ChairingMeetings_AreMarked()
    {
        Assert.Equal(
            [
                "exec-director-chair-qa-transformation-board",
                "director-ehs-chair-cre-oversight",
                "director-sl-chair-cme-line-of-sight",
                "head-of-service-ehs-chair-locality-scrutiny",
                "head-of-service-ehs-chair-cre-panels",
                "head-cp-iro-chair-dissent-panel",
            ],
            Catalogue.Duties.Where(d => d.Meeting == MeetingPart.Chair).Select(d => d.Id.Value));
    }

    [Fact]
    public void Ids_AllEntries_AreSlugsAndUniqueWithinTheirKind()
    {
        var roleIds = Catalogue.Roles.Select(r => r.Id.Value).ToList();
        var dutyIds = Catalogue.Duties.Select(d => d.Id.Value).ToList();
        var bodyIds = Catalogue.Bodies.Select(b => b.Id.Value).ToList();
        var generalIds = Catalogue.GeneralDuties.Select(g => g.Id).ToList();

        foreach (var ids in new[] { roleIds, dutyIds, bodyIds, generalIds })
        {
            Assert.All(ids, id => Assert.True(Slug.IsValid(id), $"'{id}' is not a slug"));
            Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public void Roles_Ids_AreTheDocumentedOnes()
    {
        Assert.Equal(
            [
                "elected-member", "lead-member", "executive-director", "service-director", "director-early-help-safeguarding",
                "director-schools-learning", "director-performance-quality-partnerships", "assistant-director-head-of-service", "head-of-service-early-help-safeguarding",
                "head-of-child-protection-iro", "head-of-children-in-care-provision", "head-of-performance-quality-participation",
                "team-manager", "qa-complaints-manager", "iro-cp-chair", "all-staff", "all-managers",
            ],
            Catalogue.Roles.Select(r => r.Id.Value));
    }

    [Fact]
    public void StatutoryRules_NamedByDuties_AreDeclared()
    {
        var declared = Catalogue.StatutoryRules.Select(r => r.Id).ToList();
        var named = Catalogue.Duties.Select(d => d.Rhythm).OfType<StatutoryRhythm>().SelectMany(r => r.RuleIds).Distinct().ToList();

        Assert.Equal(["cla-review", "cp-review", "cp-initial-conference", "complaint-stage-1", "complaint-stage-2", "complaint-stage-3"], declared);
        Assert.Equal(declared.Order(StringComparer.Ordinal), named.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Duties_WithAmbiguousFrequencies_CarryTheirReading()
    {
        var biMonthly = Catalogue.Duties.Where(d => d.Frequency.StartsWith("Bi-monthly", StringComparison.Ordinal)).ToList();

        Assert.Equal(6, biMonthly.Count);
        Assert.All(biMonthly, d => Assert.Equal("“Bi-monthly” read as every two months, 6 a year (the catalogue setting biMonthly).", d.Interpretation));
        Assert.All(Catalogue.Duties.Where(d => d.Rhythm is ProgrammeRhythm), d => Assert.Contains("a year", d.Interpretation, StringComparison.Ordinal));
        Assert.Null(Catalogue.FindDuty(new DutyId("exec-director-casework-sampling"))!.Interpretation);
    }

    [Fact]
    public void Duties_RhythmKinds_AreSpreadAsTheFrameworkWrites()
    {
        var kinds = Catalogue.Duties.GroupBy(d => d.Rhythm.Kind).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(36, kinds[RhythmKind.Fixed]);
        Assert.Equal(2, kinds[RhythmKind.School]);
        Assert.Equal(10, kinds[RhythmKind.Programme]);
        Assert.Equal(2, kinds[RhythmKind.Statutory]);
        Assert.Equal(12, kinds[RhythmKind.None]);
    }
}
