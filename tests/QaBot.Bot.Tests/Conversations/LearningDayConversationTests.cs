using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Assurance;
using QaBot.Application.Organisation;
using QaBot.Core.Calendar;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Demo;
using QaBot.Testing.Cards;
using static QaBot.Bot.Tests.Conversations.CardJson;

namespace QaBot.Bot.Tests.Conversations;

/// <summary>
/// "learning days" on the demo council (Friday 20 November 2026), the QA team having arranged the demo's two days, recorded
/// a review and a focus group on the first and recorded it as held: the Executive Director sees the department's days with
/// her follow-up visit and the tally; a practitioner who took part sees that day only; one who did not, none. No case
/// reference of a day's reviews reaches Teams.
/// </summary>
[Trait("Category", "Storage")]
public sealed class LearningDayConversationTests(DemoCouncilFixture council) : IClassFixture<DemoCouncilFixture>
{
    private const string HeldDay = "2026-10-16-neglect-and-drift-in-child-in-need-plans";

    [Fact]
    public async Task LearningDays_EachPersonSeesWhatTheyMay()
    {
        var directory = council.Services.GetRequiredService<IDirectoryStore>();
        var programme = council.Services.GetRequiredService<LearningDayProgramme>();
        var qa = Actor.Person(DemoCouncil.KeyPeople.QaLead);
        var origin = new AuditOrigin("cli", "learning-days");
        var now = DemoCouncilFixture.Now;
        var chart = (await directory.GetSnapshotAsync()).ToChart(council.Services.GetRequiredService<OrganisationPolicy>());
        foreach (var demo in DemoLearningDays.Create(chart, council.Services.GetRequiredService<CouncilCalendar>(), DemoCouncilFixture.AsOf))
        {
            Assert.True((await programme.ArrangeAsync(demo.Plan, "demo", qa, now, origin, dryRun: false, CancellationToken.None)).Created);
        }

        Assert.True((await programme.RecordActivityAsync(HeldDay, "reflective-case-review", "The plan has no timescales.", "81000", null, qa, now, origin, CancellationToken.None)).Changed);
        Assert.True((await programme.RecordActivityAsync(HeldDay, "focus-group", "Caseloads leave little time for chronologies.", null, null, qa, now, origin, CancellationToken.None)).Changed);
        Assert.Equal(1, (await programme.RecordHeldAsync(HeldDay, qa, now, origin, CancellationToken.None)).VisitsMade);
        var day = (await council.Services.GetRequiredService<ILearningDayStore>().GetAsync(HeldDay))!;
        var snapshot = await directory.GetSnapshotAsync();
        var people = snapshot.People.Select(p => p.Value).Where(p => p.Active).ToList();
        var taking = people.First(p => p.Id == day.Participants[^1]);
        var notTaking = people.First(p => p.JobTitle == "Social Worker" && !day.Participants.Contains(p.Id) && p.Id != day.Lead);
        var helen = new ChatUser(council.Host, DemoCouncil.KeyPeople.ExecutiveDirector, "Helen Ashworth");

        var whole = CardOf(Assert.Single(await helen.SayAsync("practice learning days")));
        CardAssert.PassesOfficialParser(whole.ToJsonString(), "learning days");
        var text = Text(whole);
        Assert.Contains("Neglect and drift in child in need plans", text, StringComparison.Ordinal);
        Assert.Contains("Children in care: permanence planning", text, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Follow-up visit\",\"value\":\"Helen Ashworth: due Fri 27 Nov 2026\"", text, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Activities\",\"value\":\"1 reflective case review, 1 focus group\"", text, StringComparison.Ordinal);
        Assert.Contains("0 made, 1 still to make; the framework expects 6 a year", text, StringComparison.Ordinal);
        Assert.DoesNotContain("81000", text, StringComparison.Ordinal);

        var own = Text(CardOf(Assert.Single(await new ChatUser(council.Host, taking.Id, taking.DisplayName).SayAsync("learning days"))));
        Assert.Contains("The days you lead or take part in", own, StringComparison.Ordinal);
        Assert.Contains("Neglect and drift in child in need plans", own, StringComparison.Ordinal);
        Assert.DoesNotContain("still to make", own, StringComparison.Ordinal);

        var none = Text(CardOf(Assert.Single(await new ChatUser(council.Host, notTaking.Id, notTaking.DisplayName).SayAsync("learning days"))));
        Assert.Contains("You are not leading or taking part in a practice learning day", none, StringComparison.Ordinal);
    }
}
