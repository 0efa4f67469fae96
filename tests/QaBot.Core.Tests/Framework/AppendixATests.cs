using QaBot.Core.Framework;

namespace QaBot.Core.Tests.Framework;

/// <summary>Appendix A line by line, typed by hand from the framework document.</summary>
[Trait("Category", "Fast")]
public sealed class AppendixATests
{
    private static FrameworkCatalogue Catalogue => ShippedCatalogue.Catalogue;

    public static TheoryData<string, string> Bodies => new()
    {
        { "top-level-boards", "Senior Management Team (SMT)" },
        { "top-level-boards", "Corporate Parenting Board" },
        { "top-level-boards", "Employment and Skills Board" },
        { "top-level-boards", "Practice Improvement Boards" },
        { "top-level-boards", "QA & Transformation Board" },
        { "top-level-boards", "Departmental Leadership Team" },
        { "strategic-groups", "Improving Health Outcomes Governance Strategic Board" },
        { "strategic-groups", "Children Missing Education (CME) Monitoring Line of Sight" },
        { "strategic-groups", "Children in Care (CIC) Strategic Governance Board" },
        { "strategic-groups", "SORE Project Board" },
        { "strategic-groups", "Derbyshire Adult Community Education Service (DACES) Governance Board" },
        { "strategic-groups", "School Organisation and School Place Planning" },
        { "strategic-groups", "CS Diversity and Inclusion Group" },
        { "strategic-groups", "Home to School Transport Strategic Governance Group" },
        { "strategic-groups", "Traded Services Strategy Group" },
        { "strategic-groups", "Early Years Strategy Group" },
        { "strategic-groups", "Virtual School Governance Board" },
        { "strategic-groups", "CiC 16+Governance Group" },
        { "strategic-groups", "YOS Management Board" },
        { "strategic-groups", "SEND Strategic Governance Board" },
        { "improvement-boards", "Starting Point Strategic Board" },
        { "improvement-boards", "Adoption Improvement Board" },
        { "improvement-boards", "Care Leavers Improvement Board" },
        { "leadership-meetings", "Joint Leadership Meeting: (S&L, EH&S & SS)" },
        { "leadership-meetings", "Divisional Management Team & Leadership Team Meetings" },
        { "leadership-meetings", "OLT Performance Group" },
        { "leadership-meetings", "Operational Leadership Team (OLT)" },
        { "leadership-meetings", "Extended Leadership Team (ELT)" },
        { "developmental-and-operational-groups", "High Risk CRE Oversight Meeting" },
        { "developmental-and-operational-groups", "LCS QA Group" },
        { "developmental-and-operational-groups", "YOS QA Group" },
        { "developmental-and-operational-groups", "Workforce Development Group" },
        { "developmental-and-operational-groups", "Transition Group" },
        { "developmental-and-operational-groups", "Practice Development Group" },
        { "partnership-groups", "Derbyshire Children’s Partnership Board and Locality Children’s Partnerships" },
        { "partnership-groups", "DDSCP Board & Sub-Groups" },
        { "partnership-groups", "Future Shape: Education Board" },
        { "partnership-groups", "Nursery, Secondary and Special Schools Forum; Primary Area Heads" },
        { "partnership-groups", "SEND Stakeholder Group" },
        { "partnership-groups", "0-19 Partnership Group" },
        { "individual-performance-management", "My Plan & PDR" },
        { "individual-performance-management", "Professional supervision" },
        { "individual-performance-management", "Personal Supervision" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Body_AppendixALine_IsPresentInItsGroup(string group, string name)
    {
        var body = Assert.Single(Catalogue.Bodies, b => b.Name == name);

        Assert.Equal(group, body.Group);
    }

    [Fact]
    public void Bodies_InTheAppendixOrder()
    {
        Assert.Equal(Bodies.Select(row => (string)row[1]), Catalogue.Bodies.Select(b => b.Name));
    }

    [Fact]
    public void Levels_AreTheAppendixFour()
    {
        Assert.Equal(
            [("strategic-assurance", "Strategic Assurance"), ("operational-and-practice", "Operational and Practice"), ("partnership-groups", "Partnership Groups"), ("individual-level", "Individual Level")],
            Catalogue.Levels.Select(l => (l.Id, l.Name)));
    }

    [Fact]
    public void Groups_AreTheAppendixSeven()
    {
        Assert.Equal(
            ["Top-level Boards", "Strategic Groups", "Improvement Boards", "Leadership Meetings", "Developmental & Operational Groups", "Partnership Groups", "Individual performance management"],
            Catalogue.Groups.Select(g => g.Name));
    }

    [Theory]
    [InlineData("qa-transformation-board", "executive-director", "Bi-monthly meetings", FixedCadence.EveryTwoMonths)]
    [InlineData("high-risk-cre-oversight-meeting", "director-early-help-safeguarding", "Monthly", FixedCadence.Monthly)]
    public void Body_WithChairAndRhythmStated_CarriesThem(string id, string chair, string frequency, FixedCadence cadence)
    {
        var body = Catalogue.FindBody(new BodyId(id))!;

        Assert.Equal(new RoleId(chair), body.Chair);
        Assert.Equal(frequency, body.Frequency);
        Assert.Equal(cadence, Assert.IsType<FixedRhythm>(body.Rhythm).Cadence);
    }

    [Fact]
    public void Body_CmeLineOfSight_IsChairedByTheDirectorOfSchoolsAndLearningHalfTermly()
    {
        var body = Catalogue.FindBody(new BodyId("cme-line-of-sight"))!;

        Assert.Equal(new RoleId("director-schools-learning"), body.Chair);
        Assert.Equal(new SchoolRhythm(SchoolCadence.HalfTermly), body.Rhythm);
    }

    [Fact]
    public void Bodies_WhereTheFrameworkIsSilent_SayNotStated()
    {
        var stated = Catalogue.Bodies.Where(b => b.Chair is not null || b.Rhythm is not null).Select(b => b.Id.Value);

        Assert.Equal(["qa-transformation-board", "cme-line-of-sight", "high-risk-cre-oversight-meeting"], stated);
        Assert.Equal(40, Catalogue.Bodies.Count(b => b.Chair is null && b.Rhythm is null && b.Frequency is null));
    }
}
