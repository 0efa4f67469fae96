using QaBot.Core.Assurance;
using QaBot.Core.Cases;

namespace QaBot.Core.Tests.Assurance;

[Trait("Category", "Fast")]
public sealed class AuditFormReaderTests
{
    private static readonly CaseReferencePattern Pattern = new(CaseReferencePattern.Default);

    private static AuditFormResult Read(
        string? title = "Neglect and cumulative harm",
        string? kind = "multi-agency",
        string? lines = "Is the plan reviewed?\nAre the child's views recorded?",
        string? cases = "1234567 sam.jones@council.gov.uk priya.nolan@council.gov.uk\r\n\r\n2345678\talex.khan@council.gov.uk",
        string? due = "2027-03-31") =>
        AuditFormReader.Read(new AuditFormInput(title, kind, lines, cases, due), Pattern);

    [Fact]
    public void Read_AFilledForm_GivesThePlanAFileWouldWithEachCasesLineInTheBox()
    {
        var result = Read();

        Assert.Empty(result.Problems);
        var plan = result.Plan!;
        Assert.Equal(("Neglect and cumulative harm", AuditKind.MultiAgency, new DateOnly(2027, 3, 31), "2027-03-neglect-and-cumulative-harm"), (plan.Title, plan.Kind, plan.Due, plan.Id));
        Assert.Equal(["Is the plan reviewed?", "Are the child's views recorded?"], plan.LinesOfEnquiry);
        Assert.Equal(
            [("1234567", "sam.jones@council.gov.uk", (string?)"priya.nolan@council.gov.uk", 1), ("2345678", "alex.khan@council.gov.uk", null, 3)],
            plan.Cases.Select(c => (c.Case.Value, c.AuditorUpn, c.PractitionerUpn, c.Line)));
    }

    [Fact]
    public void Read_EveryKindOfMistake_ListsEachByFieldAndLineAndGivesNoPlan()
    {
        var result = Read(
            title: " ",
            kind: "spot-check",
            lines: "Is the plan reviewed?\nHer DOB 01/02/2015 is on file",
            cases: "Smith1 sam.jones@council.gov.uk\n1234567 sam.jones\n2345678 alex.khan@council.gov.uk\n2345678 sam.jones@council.gov.uk\n3456789",
            due: null);

        Assert.Null(result.Plan);
        Assert.Equal(8, result.Problems.Count);
        Assert.Equal("Title: name the audit, for example 'Neglect and cumulative harm'.", result.Problems[0]);
        Assert.Equal("Kind: choose thematic or multi-agency.", result.Problems[1]);
        Assert.StartsWith("Key lines of enquiry, line 2: ", result.Problems[2], StringComparison.Ordinal);
        Assert.Contains("date of birth", result.Problems[2], StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("Cases, line 1: 'Smith1': ", result.Problems[3], StringComparison.Ordinal);
        Assert.Equal("Cases, line 2: 'sam.jones' is not the auditor's sign-in: give it as an address, for example sam.jones@council.gov.uk.", result.Problems[4]);
        Assert.Equal("Cases, line 4: case 2345678 is sampled twice (first on line 3): sample each case once.", result.Problems[5]);
        Assert.StartsWith("Cases, line 5: write the case reference, then the auditor's sign-in", result.Problems[6], StringComparison.Ordinal);
        Assert.Equal("Due: choose the day the auditors' records are due.", result.Problems[7]);
    }

    [Fact]
    public void Read_EmptyListsAndTooManyCases_SayHowManyAreAllowed()
    {
        var many = string.Join('\n', Enumerable.Range(0, CaseAudit.MaxCases + 1).Select(i => $"{1_000_000 + i} sam.jones@council.gov.uk"));

        var result = Read(lines: "\n  \n", cases: many);

        Assert.Equal(
            [
                "Key lines of enquiry: give from 1 to 10, one a line; this form has 0.",
                "Cases: give from 1 to 90 cases, one a line (the case reference, then the auditor's sign-in); this form has 91.",
            ],
            result.Problems);
    }
}
