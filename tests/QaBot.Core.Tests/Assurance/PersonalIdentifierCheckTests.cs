using QaBot.Core.Assurance;
using QaBot.Core.Cases;

namespace QaBot.Core.Tests.Assurance;

[Trait("Category", "Fast")]
public sealed class PersonalIdentifierCheckTests
{
    private static readonly PersonalIdentifierCheck Check = new(new CaseReferencePattern(CaseReferencePattern.Default));

    [Theory]
    [InlineData("9434765919", true)]
    [InlineData("943 476 5919", true)]
    [InlineData("4010232137", true)]
    [InlineData("9434765918", false)]
    [InlineData("9434765910", false)]
    [InlineData("123456789", false)]
    public void PassesModulus11_KnownNumbers_ChecksTheCheckDigit(string number, bool valid) =>
        Assert.Equal(valid, PersonalIdentifierCheck.PassesModulus11(number));

    [Fact]
    public void PassesModulus11_RemainderGivingTen_IsNeverValid()
    {
        // 5 in the second place weighs 9: the sum is 45, 1 mod 11, so the check digit would be 10.
        for (var last = 0; last <= 9; last++)
        {
            Assert.False(PersonalIdentifierCheck.PassesModulus11($"050000000{last}"));
        }
    }

    [Theory]
    [InlineData("Checked the health record, NHS 943 476 5919, which was up to date.")]
    [InlineData("NHS number 943-476-5919 noted on file")]
    [InlineData("ref 401 023 2137")]
    public void Check_SpacedNhsNumber_IsRefusedWithWhatToWriteInstead(string text)
    {
        var finding = Assert.Single(Check.Check(text));

        Assert.Equal(IdentifierKind.NhsNumber, finding.Kind);
        Assert.Contains("NHS number", finding.Message, StringComparison.Ordinal);
        Assert.Contains("case reference", finding.Instead, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TenDigitsThatAreACaseReference_AreKept()
    {
        // The demo council's case references are five to ten digits: written as one, this is a case reference.
        Assert.Empty(Check.Check("Case 9434765919 was read in full."));
    }

    [Fact]
    public void Check_TenDigitsFailingModulus11_AreNotAnNhsNumber()
    {
        Assert.Empty(Check.Check("Ref 943 476 5918 in the minutes."));
    }

    [Fact]
    public void Check_TenDigitsNotACaseReferenceUnderAnotherPattern_AreRefused()
    {
        var council = new PersonalIdentifierCheck(new CaseReferencePattern("^CR-[0-9]{6}$"));

        Assert.Equal(IdentifierKind.NhsNumber, Assert.Single(council.Check("Found 9434765919 on the file.")).Kind);
        Assert.Empty(council.Check("Case CR-102938 read."));
    }

    [Theory]
    [InlineData("DOB 03/04/2019")]
    [InlineData("dob: 3.4.19")]
    [InlineData("d.o.b. 2019-04-03")]
    [InlineData("D.O.B 3 April 2019")]
    [InlineData("Born on 3rd April 2019 at the hospital")]
    [InlineData("the baby was born in March 2024")]
    [InlineData("date of birth - 12 Feb 2015")]
    public void Check_DateIntroducedAsABirthDate_IsRefused(string text)
    {
        var finding = Assert.Single(Check.Check(text));

        Assert.Equal(IdentifierKind.DateOfBirth, finding.Kind);
        Assert.Equal("This looks like a date of birth.", finding.Why);
        Assert.Contains("age", finding.Instead, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Visit on 03/04/2026 went well.")]
    [InlineData("Plan reviewed 12 March 2026; newborn checks discussed.")]
    [InlineData("The worker was born to do this job.")]
    [InlineData("Born and raised locally, the carer knows the school.")]
    public void Check_DatesAndWordsThatAreNotABirthDate_AreKept(string text) =>
        Assert.Empty(Check.Check(text));

    [Theory]
    [InlineData("Family moved to DE4 3AG last month", "DE4 3AG")]
    [InlineData("Lives at S40 1LP.", "S40 1LP")]
    [InlineData("SW1A1AA", "SW1A1AA")]
    [InlineData("postcode EC1A 1BB", "EC1A 1BB")]
    public void Check_UkPostcode_IsRefused(string text, string postcode)
    {
        var finding = Assert.Single(Check.Check(text));

        Assert.Equal(IdentifierKind.Postcode, finding.Kind);
        Assert.Equal(postcode, text.Substring(finding.Index, finding.Length));
        Assert.Contains("locality", finding.Instead, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s47 2nd visit completed")]
    [InlineData("CP plan, CIN review at 10am, A1 standard")]
    [InlineData("Section 47 enquiry, 2 visits, 3 weeks")]
    public void Check_PracticeShorthand_IsNotAPostcode(string text) =>
        Assert.Empty(Check.Check(text));

    [Theory]
    [InlineData("Mum on 07700 900123 agreed", "07700 900123")]
    [InlineData("call 01246 123456", "01246 123456")]
    [InlineData("ring (01246) 123456 please", "(01246) 123456")]
    [InlineData("+44 7700 900123", "+44 7700 900123")]
    [InlineData("+44 (0)7700 900123", "+44 (0)7700 900123")]
    [InlineData("school: 0114-496-0000.", "0114-496-0000")]
    [InlineData("077009001234", null)]
    public void Check_UkPhoneNumber_IsRefused(string text, string? number)
    {
        var findings = Check.Check(text);
        if (number is null)
        {
            Assert.Empty(findings);
            return;
        }

        var finding = Assert.Single(findings);
        Assert.Equal(IdentifierKind.PhoneNumber, finding.Kind);
        Assert.Equal(number, text.Substring(finding.Index, finding.Length));
        Assert.Contains("case system", finding.Instead, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_PhoneShapedCaseReference_IsKept()
    {
        Assert.Empty(Check.Check("Case 0123456789 read."));
    }

    [Theory]
    [InlineData("emailed jo.bloggs@example.org about it", "jo.bloggs@example.org")]
    [InlineData("<parent+school@mail.example.co.uk>", "parent+school@mail.example.co.uk")]
    public void Check_EmailAddress_IsRefused(string text, string address)
    {
        var finding = Assert.Single(Check.Check(text));

        Assert.Equal(IdentifierKind.EmailAddress, finding.Kind);
        Assert.Equal(address, text.Substring(finding.Index, finding.Length));
        Assert.Contains("role", finding.Instead, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SeveralIdentifiers_AreAllFoundInOrder()
    {
        var findings = Check.Check("DOB 01/02/2018, NHS 943 476 5919, DE4 3AG, 07700 900123, a@b.com");

        Assert.Equal(
            [IdentifierKind.DateOfBirth, IdentifierKind.NhsNumber, IdentifierKind.Postcode, IdentifierKind.PhoneNumber, IdentifierKind.EmailAddress],
            findings.Select(f => f.Kind));
        Assert.Equal(IdentifierKind.DateOfBirth, Check.FindFirst("DOB 01/02/2018 and a@b.com")!.Kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Strong direct work with the young person; the plan is SMART and reviewed on time. Case 102938.")]
    public void Check_OrdinaryPracticeWriting_IsKept(string? text)
    {
        Assert.Empty(Check.Check(text));
        Assert.Null(Check.FindFirst(text));
    }
}
