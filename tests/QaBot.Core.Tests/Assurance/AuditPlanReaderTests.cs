using System.Globalization;
using QaBot.Core.Assurance;
using QaBot.Core.Cases;

namespace QaBot.Core.Tests.Assurance;

[Trait("Category", "Fast")]
public sealed class AuditPlanReaderTests
{
    private static readonly CaseReferencePattern Cases = new(CaseReferencePattern.Default);

    private const string Sound = """
        title: Neglect and cumulative harm
        kind: thematic
        linesOfEnquiry:
          - Is the impact of neglect over time understood?
          - Is the plan reviewed?
        due: 2027-03-31
        cases:
          - reference: "1234567"
            auditor: sam.jones@council.gov.uk
            practitioner: priya.nolan@council.gov.uk
          - reference: "2345678"
            auditor: alex.khan@council.gov.uk
        """;

    [Fact]
    public void Read_ASoundFile_ThePlanWithEachCaseAndItsLine()
    {
        var result = AuditPlanReader.Read(Sound, "neglect.yaml", Cases);

        Assert.Empty(result.Errors);
        var plan = result.Plan!;
        Assert.Equal(("Neglect and cumulative harm", AuditKind.Thematic, new DateOnly(2027, 3, 31)), (plan.Title, plan.Kind, plan.Due));
        Assert.Equal(["Is the impact of neglect over time understood?", "Is the plan reviewed?"], plan.LinesOfEnquiry);
        Assert.Equal("2027-03-neglect-and-cumulative-harm", plan.Id);
        Assert.Equal(
            [("1234567", "sam.jones@council.gov.uk", "priya.nolan@council.gov.uk", 8), ("2345678", "alex.khan@council.gov.uk", null, 11)],
            plan.Cases.Select(c => (c.Case.Value, c.AuditorUpn, c.PractitionerUpn, c.Line)));
    }

    [Fact]
    public void Read_AFileWithManyProblems_EveryOneWithItsLineAndFieldAndNoPlan()
    {
        const string yaml = """
            title: Neglect
            kind: deep-dive
            linesOfEnquiry:
              - Ask jo.bloggs@example.com about the plan
            due: 31/03/2027
            colour: red
            cases:
              - reference: Smith1
                auditor: sam.jones@council.gov.uk
              - reference: "2345678"
                auditor: not-a-upn
              - reference: "2345678"
                auditor: alex.khan@council.gov.uk
            """;

        var result = AuditPlanReader.Read(yaml, "bad.yaml", Cases);

        Assert.Null(result.Plan);
        var errors = result.Errors.Select(e => (e.Line, e.Field == string.Empty ? e.Path : e.Field)).ToList();
        Assert.Contains((2, "kind"), errors);
        Assert.Contains((4, "linesOfEnquiry[0]"), errors);
        Assert.Contains((5, "due"), errors);
        Assert.Contains((6, "colour"), errors);
        Assert.Contains((8, "reference"), errors);
        Assert.Contains((11, "auditor"), errors);
        Assert.Contains(result.Errors, e => e.Line == 12 && e.Message.Contains("sampled twice (first at line 10)", StringComparison.Ordinal));
        Assert.All(result.Errors, e => Assert.StartsWith("bad.yaml:", e.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ADateOfBirthInALineOfEnquiry_RefusedSayingWhy()
    {
        var yaml = Sound.Replace("Is the plan reviewed?", "Is the child born 03/04/2019 seen alone?", StringComparison.Ordinal);

        var error = Assert.Single(AuditPlanReader.Read(yaml, "neglect.yaml", Cases).Errors);

        Assert.Equal((5, "linesOfEnquiry[1]"), (error.Line, error.Field));
        Assert.Contains("date of birth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MoreCasesThanAnAuditSamples_Refused()
    {
        var cases = string.Concat(Enumerable.Range(0, CaseAudit.MaxCases + 1).Select(n =>
            $"  - reference: \"{(1000000 + n).ToString(CultureInfo.InvariantCulture)}\"\n    auditor: sam.jones@council.gov.uk\n"));
        var yaml = Sound[..Sound.IndexOf("cases:", StringComparison.Ordinal)] + "cases:\n" + cases;

        var result = AuditPlanReader.Read(yaml, "big.yaml", Cases);

        Assert.Null(result.Plan);
        Assert.Contains(result.Errors, e => e.Field == "cases" && e.Message.Contains($"give from 1 to {CaseAudit.MaxCases} cases; this file has {CaseAudit.MaxCases + 1}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("title: [unclosed\n")]
    [InlineData("")]
    [InlineData("- a list\n- not a mapping\n")]
    public void Read_NotAnAuditFile_ALocatedErrorAndNoPlan(string yaml)
    {
        var result = AuditPlanReader.Read(yaml, "odd.yaml", Cases);

        Assert.Null(result.Plan);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.True(e.Line >= 1 && e.File == "odd.yaml"));
    }
}
