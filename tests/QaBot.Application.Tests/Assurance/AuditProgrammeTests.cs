using QaBot.Application.Assurance;
using QaBot.Application.Configuration;
using QaBot.Core.Assurance;
using QaBot.Core.Cases;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Testing.InMemory;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Assurance;

/// <summary>The QA team (an operator) arranges an audit of two cases for persons 4 and 5 to audit, about person 6's practice.</summary>
[Trait("Category", "Fast")]
public sealed class AuditProgrammeTests
{
    private static readonly Actor QaTeam = Actor.Operator("qa.lead@council.gov.uk");
    private static readonly AuditOrigin Cli = new("cli", "audits");
    private readonly Council _council = new();
    private readonly InMemoryAuditStore _audits = new();
    private readonly InMemoryReviewStore _reviews = new();

    private AuditProgramme Programme() => new(
        _audits, _reviews, _council.Tracking, _council.Directory, Council.Rules, new CaseReferencePattern(CaseReferencePattern.Default), new AssuranceOptions(), Council.Policy);

    private static string File(string firstAuditor) => $"""
        title: Neglect and cumulative harm
        kind: thematic
        linesOfEnquiry:
          - Is the plan reviewed?
        due: 2027-01-29
        cases:
          - reference: "1234567"
            auditor: {firstAuditor}
            practitioner: {Council.Person(6).Upn}
          - reference: "2345678"
            auditor: {Council.Person(5).Upn}
        """;

    private Task<AuditCreation> CreateAsync(string? yaml = null, bool dryRun = false) =>
        Programme().CreateAsync(yaml ?? File(Council.Person(4).Upn), "neglect.yaml", QaTeam, Council.Now, Cli, dryRun, CancellationToken.None);

    private Task<TrackedItem?> ItemAsync(int auditor, AuditedCase audited) =>
        _council.Tracking.GetAsync(ItemKey.For(Council.Person(auditor), audited.Item));

    private async Task RecordAsync(AuditedCase audited, string judgement)
    {
        var auditor = Council.Person(audited.Auditor == Id(4) ? 4 : 5);
        var record = new ReflectiveCaseReview(audited.Item, auditor.HomeArea, auditor.Id, Id(6), audited.Case, new ReviewParts(true, false, false), null,
            judgement, "A clear chronology.", "No timescales in the plan.", ["Recording"], [], Council.Today, Council.Now);
        Assert.True(await _reviews.AddAsync(record, record.RecordedEntry(Council.Teams)));
    }

    [Fact]
    public async Task Create_MakesAnItemPerCaseForItsAuditorNamingTheCaseAndThePractitioner()
    {
        var created = await CreateAsync();

        Assert.Empty(created.Problems);
        Assert.True(created.Created);
        Assert.Equal(2, created.ItemsMade);
        var audit = created.Audit!;
        Assert.Equal("2027-01-neglect-and-cumulative-harm", audit.Id);
        var first = (await ItemAsync(4, audit.Cases[0]))!;
        Assert.Equal((CaseAudit.DutyId, new DateOnly(2027, 1, 29), Id(6)), (first.Duty.Value, first.Due, first.Concerns!.Value));
        Assert.Equal("Thematic audit 'Neglect and cumulative harm': case 1234567", first.Note);
        Assert.NotEmpty(first.RemindAt);
        Assert.Equal("1234567", CaseAudit.CaseOfItem(first.Id));
        Assert.Null((await ItemAsync(5, audit.Cases[1]))!.Concerns);
        Assert.Equal("arranged", Assert.Single(await _audits.GetAuditTrailAsync(audit.Id)).Action);
    }

    private static readonly Person QaLead = NewPerson(30, Department, Id(1), new RoleId("qa-complaints-manager"));

    private static AuditFormInput Form(string firstAuditor) => new(
        "Neglect and cumulative harm", "thematic", "Is the plan reviewed?\n",
        $"1234567 {firstAuditor} {Council.Person(6).Upn}\n\n2345678, {Council.Person(5).Upn}", "2027-01-29");

    [Fact]
    public async Task CreateFromForm_QaTeam_ArrangesTheAuditTheSameFileWouldAndASecondSubmissionChangesNothing()
    {
        var programme = Programme();

        var first = await programme.CreateFromFormAsync(Form(Council.Person(4).Upn), QaLead, Council.Now, Council.Teams, CancellationToken.None);
        var again = await programme.CreateFromFormAsync(Form(Council.Person(4).Upn), QaLead, Council.Now, Council.Teams, CancellationToken.None);

        Assert.Equal((true, true, 2), (first.Allowed, first.Created, first.ItemsMade));
        Assert.Empty(first.Problems);
        var audit = first.Audit!;
        Assert.Equal(("2027-01-neglect-and-cumulative-harm", AuditKind.Thematic, Actor.Person(QaLead.Id)), (audit.Id, audit.Kind, audit.CreatedBy));
        Assert.Equal(["1234567", "2345678"], audit.Cases.Select(c => c.Case.Value));
        Assert.Equal((Id(4), (PersonId?)Id(6)), (audit.Cases[0].Auditor, audit.Cases[0].Practitioner));
        Assert.NotNull(await ItemAsync(5, audit.Cases[1]));
        Assert.Equal((true, false, 0), (again.Allowed, again.Created, again.ItemsMade));
        Assert.Equal(audit.Id, again.Audit!.Id);
        Assert.Single(await _audits.GetAuditTrailAsync(audit.Id));
    }

    [Fact]
    public async Task CreateFromForm_SomeoneOutsideTheQaTeam_RefusedAndWritesNothing()
    {
        var created = await Programme().CreateFromFormAsync(Form(Council.Person(4).Upn), Council.Person(3), Council.Now, Council.Teams, CancellationToken.None);

        Assert.False(created.Allowed);
        Assert.Null(created.Audit);
        Assert.Empty(await _audits.ListAsync());
        Assert.Empty(await _council.Tracking.GetOpenItemsAsync(Council.Person(4)));
    }

    [Fact]
    public async Task CreateFromForm_AnAuditorNotInTheDirectory_RefusedNamingTheFormsLineAndWritesNothing()
    {
        var created = await Programme().CreateFromFormAsync(Form("nobody@council.gov.uk"), QaLead, Council.Now, Council.Teams, CancellationToken.None);

        Assert.True(created.Allowed);
        Assert.Equal("Cases, line 1: case 1234567, auditor: no one active in the directory signs in as nobody@council.gov.uk", Assert.Single(created.Problems));
        Assert.Empty(await _audits.ListAsync());
        Assert.Empty(await _council.Tracking.GetOpenItemsAsync(Council.Person(5)));
    }

    [Fact]
    public async Task Create_AnAuditorNotInTheDirectory_RefusedNamingTheLineAndWritesNothing()
    {
        var created = await CreateAsync(File("nobody@council.gov.uk"));

        Assert.Null(created.Audit);
        Assert.Equal("neglect.yaml:7: case 1234567.auditor: no one active in the directory signs in as nobody@council.gov.uk", Assert.Single(created.Problems));
        Assert.Empty(await _audits.ListAsync());
        Assert.Empty(await _council.Tracking.GetOpenItemsAsync(Council.Person(5)));
    }

    [Fact]
    public async Task Create_DueTodayOrEarlier_Refused()
    {
        var created = await CreateAsync(File(Council.Person(4).Upn).Replace("2027-01-29", "2026-11-20", StringComparison.Ordinal));

        Assert.Contains("neglect.yaml: due: Fri 20 Nov 2026 is not after today", Assert.Single(created.Problems), StringComparison.Ordinal);
        Assert.Empty(await _audits.ListAsync());
    }

    [Fact]
    public async Task Create_DryRun_ChecksEverythingAndWritesNothing()
    {
        var created = await CreateAsync(dryRun: true);

        Assert.NotNull(created.Audit);
        Assert.Equal((false, 0), (created.Created, created.ItemsMade));
        Assert.Empty(await _audits.ListAsync());
        Assert.Null(await ItemAsync(4, created.Audit!.Cases[0]));
    }

    [Fact]
    public async Task Create_Again_NothingTwice_AndARunStoppedBeforeItsItemsIsFinished()
    {
        var plan = AuditPlanReader.Read(File(Council.Person(4).Upn), "neglect.yaml", new CaseReferencePattern(CaseReferencePattern.Default)).Plan!;
        var stopped = new CaseAudit(plan.Id, plan.Title, plan.Kind, plan.LinesOfEnquiry, plan.Due,
            [new AuditedCase(1, plan.Cases[0].Case, Id(4), Id(6), CaseAudit.ItemIdFor(plan.Id, 1, plan.Cases[0].Case)), new AuditedCase(2, plan.Cases[1].Case, Id(5), null, CaseAudit.ItemIdFor(plan.Id, 2, plan.Cases[1].Case))],
            QaTeam, Council.Now);
        await _audits.AddAsync(stopped, stopped.ArrangedEntry(Cli));

        var finished = await CreateAsync();
        var again = await CreateAsync();

        Assert.Equal((false, 2), (finished.Created, finished.ItemsMade));
        Assert.Equal((false, 0), (again.Created, again.ItemsMade));
        Assert.Single(await _audits.GetAuditTrailAsync(plan.Id));
        Assert.NotNull(await ItemAsync(5, stopped.Cases[1]));
    }

    [Fact]
    public async Task Create_ADifferentFileWithTheSameId_Refused()
    {
        await CreateAsync();

        var other = await CreateAsync(File(Council.Person(4).Upn).Replace("\"2345678\"", "\"3456789\"", StringComparison.Ordinal));

        Assert.Contains("an audit with the id 2027-01-neglect-and-cumulative-harm was arranged on Fri 20 Nov 2026 with different cases", Assert.Single(other.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModerateAndClose_EachRefusalChangesNothing_ThenTheAuditClosesWithItsTrail()
    {
        var audit = (await CreateAsync()).Audit!;
        var programme = Programme();
        Task<AuditChange> Moderate(string reference, string? judgement, string? reason) =>
            programme.ModerateAsync(audit.Id, reference, judgement, reason, QaTeam, Council.Now.AddDays(10), Cli, CancellationToken.None);

        Assert.Contains("has no record yet", (await Moderate("1234567", null, null)).Message, StringComparison.Ordinal);
        await RecordAsync(audit.Cases[0], "Good");
        await RecordAsync(audit.Cases[1], "Good");
        Assert.Contains("is not in the audit", (await Moderate("9999999", null, null)).Message, StringComparison.Ordinal);
        Assert.Contains("is not on the council's judgement scale", (await Moderate("1234567", "Excellent", "Because.")).Message, StringComparison.Ordinal);
        Assert.Contains("needs a reason", (await Moderate("1234567", "Inadequate", null)).Message, StringComparison.Ordinal);
        Assert.Contains("email address", (await Moderate("1234567", "Inadequate", "Ask jo@example.com")).Message, StringComparison.Ordinal);
        Assert.Contains("no audit with the id", (await programme.ModerateAsync("2027-01-other", "1234567", null, null, QaTeam, Council.Now, Cli, CancellationToken.None)).Message, StringComparison.Ordinal);
        Assert.Single(await _audits.GetAuditTrailAsync(audit.Id));
        Assert.All((await _audits.GetAsync(audit.Id))!.Cases, c => Assert.Null(c.Moderation));

        Assert.True((await Moderate("1234567", null, null)).Accepted);
        var closing = await programme.CloseAsync(audit.Id, QaTeam, Council.Now.AddDays(11), Cli, CancellationToken.None);
        Assert.Equal((false, "The audit 2027-01-neglect-and-cumulative-harm has 1 case still to record or moderate: 2345678."), (closing.Accepted, closing.Message));
        var changed = await Moderate("2345678", "requires improvement", "The plan has drifted for six months.");
        Assert.Equal("case 2345678: judgement changed from Good to Requires improvement", changed.Message);

        Assert.True((await programme.CloseAsync(audit.Id, QaTeam, Council.Now.AddDays(12), Cli, CancellationToken.None)).Accepted);
        Assert.Contains("is closed", (await Moderate("1234567", null, null)).Message, StringComparison.Ordinal);
        Assert.False((await programme.CloseAsync(audit.Id, QaTeam, Council.Now.AddDays(13), Cli, CancellationToken.None)).Accepted);
        Assert.Equal(["arranged", "moderated", "moderated", "closed"], (await _audits.GetAuditTrailAsync(audit.Id)).Select(e => e.Action));
        var view = (await programme.GetAsync(audit.Id, CancellationToken.None))!;
        Assert.Equal(("Closed", 2, 2), (view.State, view.Recorded, view.Moderated));
        Assert.Equal("Requires improvement", view.Cases[1].Case.Moderation!.Judgement);
        Assert.Equal("Good", view.Cases[1].Record!.Judgement);
    }
}
