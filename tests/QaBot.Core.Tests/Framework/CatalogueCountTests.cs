using QaBot.Core.Framework;

namespace QaBot.Core.Tests.Framework;

[Trait("Category", "Fast")]
public sealed class CatalogueCountTests
{
    [Fact]
    public void LoadFile_ShippedCatalogue_IsValid()
    {
        var result = ShippedCatalogue.LoadResult;

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Roles_ShippedCatalogue_AreTheFourteenRolesOfSection3InOrderWithTheLeadMemberAndTheirDirectorThenAllManagers()
    {
        string[] expected =
        [
            "Elected Members",
            "Lead Member for Children’s Services",
            "Executive Director of Children’s Services",
            "Service Directors",
            "Director, Early Help & Safeguarding",
            "Director, Schools and Learning",
            "Director for Performance, Quality and Partnerships",
            "All Assistant Directors and/or Heads of Service",
            "Assistant Directors and/or Heads of Service (Early Help & Safeguarding)",
            "Head of Child Protection and IRO service",
            "Head of Children in Care Provision",
            "Head of Performance, Quality & Participation",
            "Team Managers",
            "Assistant Head of Service (QA) & Complaints Manager",
            "Independent Reviewing Officers/Child Protection Managers and/or Chairs",
            "All staff",
            "All managers",
        ];

        Assert.Equal(expected, ShippedCatalogue.Catalogue.Roles.Select(r => r.Name));
    }

    [Fact]
    public void TaskLineCount_ShippedCatalogue_Is58TableLinesAndTheManagersParagraph()
    {
        Assert.Equal(59, ShippedCatalogue.Catalogue.TaskLineCount);
    }

    [Fact]
    public void Duties_ShippedCatalogue_Are62()
    {
        Assert.Equal(62, ShippedCatalogue.Catalogue.Duties.Count());
    }

    [Fact]
    public void Roles_ElectedMembersLine5_IsTheLeadMembersWithTheDirectorsSide()
    {
        IEnumerable<int> Lines(string roleId) => ShippedCatalogue.Catalogue.FindRole(new RoleId(roleId))!.Duties.Select(d => d.SourceRow.Line);

        Assert.Equal([1, 2, 3, 4, 6], Lines("elected-member"));
        Assert.Equal([5], Lines("lead-member"));
        Assert.Equal([5], Lines("director-performance-quality-partnerships"));
        Assert.All(
            new[] { "elected-member", "lead-member", "director-performance-quality-partnerships" }.SelectMany(r => ShippedCatalogue.Catalogue.FindRole(new RoleId(r))!.Duties),
            d => Assert.Equal(("3.0", "Elected Members"), (d.SourceRow.Section, d.SourceRow.Role)));
    }

    [Theory]
    [InlineData("executive-director", 11, 11)]
    [InlineData("service-director", 9, 9)]
    [InlineData("director-early-help-safeguarding", 4, 4)]
    [InlineData("director-schools-learning", 3, 3)]
    [InlineData("assistant-director-head-of-service", 4, 4)]
    [InlineData("head-of-service-early-help-safeguarding", 3, 3)]
    [InlineData("head-of-child-protection-iro", 4, 4)]
    [InlineData("head-of-children-in-care-provision", 1, 1)]
    [InlineData("head-of-performance-quality-participation", 2, 2)]
    [InlineData("team-manager", 4, 5)]
    [InlineData("qa-complaints-manager", 3, 3)]
    [InlineData("iro-cp-chair", 1, 1)]
    [InlineData("all-staff", 3, 3)]
    public void Role_ShippedCatalogue_HasTheTableLinesAndDuties(string roleId, int taskLines, int duties)
    {
        var role = ShippedCatalogue.Catalogue.FindRole(new RoleId(roleId));

        Assert.NotNull(role);
        Assert.Equal(duties, role.Duties.Count);
        Assert.Equal(taskLines, role.Duties.Select(d => d.SourceRow).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, taskLines), role.Duties.Select(d => d.SourceRow.Line).Distinct());
        Assert.All(role.Duties, d => Assert.Equal(role.Name, d.SourceRow.Role));
        Assert.All(role.Duties, d => Assert.Equal("3.0", d.SourceRow.Section));
    }

    [Fact]
    public void Bodies_ShippedCatalogue_Are43()
    {
        Assert.Equal(43, ShippedCatalogue.Catalogue.Bodies.Count);
    }

    [Theory]
    [InlineData("top-level-boards", "strategic-assurance", 6)]
    [InlineData("strategic-groups", "strategic-assurance", 14)]
    [InlineData("improvement-boards", "operational-and-practice", 3)]
    [InlineData("leadership-meetings", "operational-and-practice", 5)]
    [InlineData("developmental-and-operational-groups", "operational-and-practice", 6)]
    [InlineData("partnership-groups", "partnership-groups", 6)]
    [InlineData("individual-performance-management", "individual-level", 3)]
    public void Bodies_ShippedCatalogue_HaveAppendixAGroupSizes(string group, string level, int count)
    {
        var bodies = ShippedCatalogue.Catalogue.Bodies.Where(b => b.Group == group).ToList();

        Assert.Equal(count, bodies.Count);
        Assert.All(bodies, b => Assert.Equal(level, b.Level));
        Assert.Equal(Enumerable.Range(1, count), bodies.Select(b => b.SourceRow.Line));
    }

    [Fact]
    public void GeneralDuties_ShippedCatalogue_HoldTheParagraphAboveTheTable()
    {
        var general = Assert.Single(ShippedCatalogue.Catalogue.GeneralDuties);

        Assert.Equal("All managers", general.AppliesTo);
        Assert.Equal(
            "All managers are expected to provide regular, high quality supervision for staff, scrutinise performance data and participate in relevant team and service meetings.",
            general.Text);
        Assert.Equal("3.0", general.SourceRow.Section);
    }
}
