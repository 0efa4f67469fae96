using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Assurance;
using QaBot.Application.Organisation;
using QaBot.Application.Tracking;
using QaBot.Conversations.Actions;
using QaBot.Conversations.Assurance;
using QaBot.Core.Assurance;
using QaBot.Core.Tracking;
using QaBot.Demo;
using QaBot.Testing.Cards;
using static QaBot.Bot.Tests.Conversations.CardJson;

namespace QaBot.Bot.Tests.Conversations;

/// <summary>
/// The QA team arranges an audit with a case for Dan Mercer (a team manager of the demo council) to audit, about Priya
/// Nolan's practice; Dan records it from his item in Teams, and "audits in progress" answers each person with what
/// they may see (Friday 20 November 2026).
/// </summary>
[Trait("Category", "Storage")]
public sealed class AuditConversationTests(DemoCouncilFixture council) : IClassFixture<DemoCouncilFixture>
{
    private ChatUser Dan => new(council.Host, DemoCouncil.KeyPeople.TeamManagerChesterfield, "Dan Mercer");

    [Fact]
    public async Task Arrange_TheQaTeamFillsTheCardInTeams_RefusedWhileWrongThenArrangedOnceAndNobodyElseMay()
    {
        var directory = council.Services.GetRequiredService<IDirectoryStore>();
        var audits = council.Services.GetRequiredService<IAuditStore>();
        var snapshot = await directory.GetSnapshotAsync();
        var people = snapshot.People.Select(p => p.Value).Where(p => p.Active).ToList();
        var complaints = people.First(p => p.CurrentRoles.Any(r => r.Role.Value == "qa-complaints-manager"));
        var officer = people.First(p => p.JobTitle == "Quality Assurance Officer");
        var dan = (await directory.GetPersonAsync(Dan.Person))!;
        var qa = new ChatUser(council.Host, complaints.Id, complaints.DisplayName);
        const string Id = "2026-12-missing-education-episodes";
        (string, string)[] Form(string lines) =>
        [
            (AuditFormCardBuilder.TitleInput, "Missing education episodes"),
            (AuditFormCardBuilder.KindInput, "multi-agency"),
            (AuditFormCardBuilder.LinesInput, lines),
            (AuditFormCardBuilder.CasesInput, $"9400001 {dan.Upn}\n9400002 {officer.Upn}"),
            (AuditFormCardBuilder.DueInput, "2026-12-18"),
        ];

        var form = CardOf(Assert.Single(await qa.SayAsync("arrange an audit")));
        CardAssert.PassesOfficialParser(form.ToJsonString(), "arrange an audit");
        var submit = Assert.Single(Buttons(form, CardVerbs.ArrangeAudit));

        // A date of birth in a line of enquiry: refused, everything typed kept, nothing written.
        var refused = await qa.PressAsync(submit, Form("Was each episode followed up?\nBorn 03/04/2012, so of school age"));
        Assert.Contains("Nothing was arranged. Key lines of enquiry, line 2:", Text(refused.Card), StringComparison.Ordinal);
        Assert.Contains("9400002 " + officer.Upn, Text(refused.Card), StringComparison.Ordinal);
        Assert.Null(await audits.GetAsync(Id));

        var arranged = await qa.PressAsync(submit, Form("Was each episode followed up?\nWere partners told?"));
        var again = await qa.PressAsync(submit, Form("Was each episode followed up?\nWere partners told?"));
        Assert.Contains("Arranged: 2 cases given to 2 auditors as items", Text(arranged.Card), StringComparison.Ordinal);
        CardAssert.PassesOfficialParser(arranged.Card.ToJsonString(), "audit arranged");
        Assert.Contains("Already arranged on Fri 20 Nov 2026; nothing changed.", Text(again.Card), StringComparison.Ordinal);
        var audit = (await audits.GetAsync(Id))!;
        Assert.Equal((AuditKind.MultiAgency, Actor.Person(complaints.Id)), (audit.Kind, audit.CreatedBy));
        Assert.Single(await audits.GetAuditTrailAsync(Id));
        var item = await council.Services.GetRequiredService<ITrackingStore>().GetAsync(ItemKey.For(dan, audit.Cases[0].Item));
        Assert.Equal(("Multi-agency audit 'Missing education episodes': case 9400001", new DateOnly(2026, 12, 18)), (item!.Note, item.Due));

        // A team manager is told who arranges audits, and the form's button pressed as him arranges nothing.
        Assert.Equal(QaBot.Conversations.Assurance.ReviewReplies.NotQaTeamText, Assert.Single(await Dan.SayAsync("arrange an audit"))["text"]!.GetValue<string>());
        var forged = await Dan.PressAsync(submit, [.. Form("Was each episode followed up?").Select(f => f.Item1 == AuditFormCardBuilder.TitleInput ? (f.Item1, "Forged audit") : f)]);
        Assert.Equal("NotAllowed", forged.ErrorCode);
        Assert.Null(await audits.GetAsync("2026-12-forged-audit"));
    }

    [Fact]
    public async Task Audit_TheAuditorRecordsTheirCaseInTeamsAndEachPersonSeesWhatTheyMay()
    {
        var directory = council.Services.GetRequiredService<IDirectoryStore>();
        var dan = (await directory.GetPersonAsync(Dan.Person))!;
        var priya = (await directory.GetPersonAsync(DemoCouncil.KeyPeople.SocialWorkerChesterfield))!;
        var snapshot = await directory.GetSnapshotAsync();
        var people = snapshot.People.Select(p => p.Value).Where(p => p.Active).ToList();
        var qaHead = people.First(p => p.CurrentRoles.Any(r => r.Role.Value == "head-of-performance-quality-participation"));
        var officer = people.First(p => p.JobTitle == "Quality Assurance Officer");
        var yaml = $"""
            title: Step-down to Early Help
            kind: thematic
            linesOfEnquiry:
              - Was the family's consent to step down recorded?
            due: 2026-12-11
            cases:
              - reference: "9300001"
                auditor: {dan.Upn}
                practitioner: {priya.Upn}
              - reference: "9300002"
                auditor: {officer.Upn}
            """;
        var created = await council.Services.GetRequiredService<AuditProgramme>().CreateAsync(
            yaml, "step-down.yaml", Actor.Person(qaHead.Id), DemoCouncilFixture.Now, new AuditOrigin("cli", "audits create"), dryRun: false, CancellationToken.None);
        Assert.Empty(created.Problems);
        var audit = created.Audit!;

        // Dan's tasks name the audit and the case; Done opens the review form offering Priya.
        const string Named = "Thematic audit 'Step-down to Early Help': case 9300001 (Priya Nolan's practice)";
        var card = CardOf(Assert.Single(await Dan.SayAsync("my tasks")));
        for (var page = 0; page < 5 && !Text(card).Contains(Named, StringComparison.Ordinal); page++)
        {
            // The audit falls due after Dan's overdue items, so it may be on a later page of his digest.
            card = (await Dan.PressAsync(Buttons(card, CardVerbs.Page).First(b => b["title"]!.GetValue<string>() == "Show more"))).Card;
        }

        var tasks = Text(card);
        Assert.Contains("Thematic audit 'Step-down to Early Help': case 9300001 (Priya Nolan's practice)", tasks, StringComparison.Ordinal);
        var item = (await council.Services.GetRequiredService<ITrackingStore>().GetAsync(ItemKey.For(dan, audit.Cases[0].Item)))!;
        var opened = await Dan.PressAsync(CardVerbs.Done, ReviewConversationTests.DoneData(item));
        Assert.Contains("Priya Nolan", Text(opened.Card), StringComparison.Ordinal);
        CardAssert.PassesOfficialParser(opened.Card.ToJsonString(), "audit case form");
        Assert.Contains("\"value\":\"9300001\"", Text(opened.Card), StringComparison.Ordinal);
        var submit = Assert.Single(Buttons(opened.Card, CardVerbs.ReviewSubmit));
        (string, string)[] Form(string reference) => [.. ReviewConversationTests.Form("Consent to step down is not recorded.", Dan.Person.Value)
            .Select(f => f.Item1 == QaBot.Conversations.Assurance.ReviewCardBuilder.CaseInput ? (f.Item1, reference) : f)];
        var refused = await Dan.PressAsync(submit, Form("9300002"));
        Assert.Contains("This item is the audit of case 9300001: record that case here.", Text(refused.Card), StringComparison.Ordinal);
        var recorded = await Dan.PressAsync(submit, Form("9300001"));
        Assert.Contains("Recorded, and the review item marked done.", Text(recorded.Card), StringComparison.Ordinal);
        Assert.Equal("Good", (await council.Services.GetRequiredService<IReviewStore>().GetAsync(audit.Cases[0].Item))!.Judgement);

        // The head of the QA service and Dan, a leader, see the whole audit as counts; the QA officer their own case to
        // record; a practitioner with no case nothing.
        var whole = CardOf(Assert.Single(await new ChatUser(council.Host, qaHead.Id, qaHead.DisplayName).SayAsync("audits in progress")));
        CardAssert.PassesOfficialParser(whole.ToJsonString(), "audits in progress");
        Assert.Contains("Thematic audit: Step-down to Early Help", Text(whole), StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Cases recorded\",\"value\":\"1 of 2\"", Text(whole), StringComparison.Ordinal);
        Assert.DoesNotContain("9300002", Text(whole), StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Cases recorded\",\"value\":\"1 of 2\"", Text(CardOf(Assert.Single(await Dan.SayAsync("audits in progress")))), StringComparison.Ordinal);
        var own = Text(CardOf(Assert.Single(await new ChatUser(council.Host, officer.Id, officer.DisplayName).SayAsync("audits in progress"))));
        Assert.Contains("\"title\":\"Your cases recorded\",\"value\":\"0 of 1\"", own, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Yours to record\",\"value\":\"case 9300002\"", own, StringComparison.Ordinal);
        Assert.DoesNotContain("9300001", own, StringComparison.Ordinal);
        var none = Text(CardOf(Assert.Single(await new ChatUser(council.Host, priya.Id, priya.DisplayName).SayAsync("audits in progress"))));
        Assert.Contains("You have no cases in an audit in progress.", none, StringComparison.Ordinal);
    }
}
