using QaBot.Core.Assurance;
using QaBot.Core.Cases;

namespace QaBot.Core.Tests.Assurance;

[Trait("Category", "Fast")]
public sealed class LearningDayPlanReaderTests
{
    private static readonly CaseReferencePattern Cases = new(CaseReferencePattern.Default);

    private const string Sound = """
        title: Neglect in early help
        service: "Locality: Chesterfield"
        date: 2027-03-18
        lead: dana.whitfield@council.gov.uk
        participants:
          - sam.jones@council.gov.uk
          - priya.nolan@council.gov.uk
        linesOfEnquiry:
          - Do plans show the child's lived experience?
        """;

    [Fact]
    public void Read_ASoundFile_ThePlan()
    {
        var result = LearningDayPlanReader.Read(Sound, "day.yaml", Cases);

        Assert.Empty(result.Errors);
        var plan = result.Plan!;
        Assert.Equal(("Neglect in early help", "Locality: Chesterfield", new DateOnly(2027, 3, 18), "dana.whitfield@council.gov.uk"), (plan.Title, plan.Service, plan.Date, plan.LeadUpn));
        Assert.Equal(["sam.jones@council.gov.uk", "priya.nolan@council.gov.uk"], plan.ParticipantUpns);
        Assert.Equal(["Do plans show the child's lived experience?"], plan.LinesOfEnquiry);
        Assert.Equal("2027-03-18-neglect-in-early-help", plan.Id);
    }

    [Fact]
    public void Read_EveryProblem_NamedWithItsLineAndField_AndNoPlan()
    {
        var yaml = Sound
            .Replace("date: 2027-03-18", "date: 18/03/2027", StringComparison.Ordinal)
            .Replace("lead: dana.whitfield@council.gov.uk", "lead: Dana Whitfield", StringComparison.Ordinal)
            .Replace("  - priya.nolan@council.gov.uk", "  - SAM.JONES@council.gov.uk", StringComparison.Ordinal)
            .Replace("  - Do plans show the child's lived experience?", "  - Child born 03/04/2019, is the plan right?", StringComparison.Ordinal);

        var result = LearningDayPlanReader.Read(yaml, "day.yaml", Cases);

        Assert.Null(result.Plan);
        Assert.Equal(
            [("date", 3), ("lead", 4), ("participants[1]", 7), ("linesOfEnquiry[0]", 9)],
            result.Errors.Select(e => (e.Path.Length > 0 && e.Field.Length == 0 ? e.Path : e.Field, e.Line)));
        Assert.Contains("yyyy-MM-dd", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("not a UPN", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("listed twice (first at line 6)", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("date of birth", result.Errors[3].Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Read_ATitleWithoutLettersOrDigits_RefusedForItMakesNoId()
    {
        var result = LearningDayPlanReader.Read(Sound.Replace("title: Neglect in early help", "title: \"—\"", StringComparison.Ordinal), "day.yaml", Cases);

        Assert.Null(result.Plan);
        Assert.Equal(("title", 1), (Assert.Single(result.Errors).Field, result.Errors[0].Line));
    }

    [Fact]
    public void Read_MissingFieldsAndAnUnknownOne_EachNamed()
    {
        var result = LearningDayPlanReader.Read("title: A day\nvenue: Town hall\n", "day.yaml", Cases);

        Assert.Null(result.Plan);
        var fields = result.Errors.Select(e => e.Field).ToList();
        Assert.Contains("venue", fields);
        Assert.Contains("service", fields);
        Assert.Contains("date", fields);
        Assert.Contains("lead", fields);
        Assert.Contains("participants", fields);
        Assert.Contains("linesOfEnquiry", fields);
    }
}
