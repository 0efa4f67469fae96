using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Assurance;
using QaBot.Application.Organisation;
using QaBot.Application.Tracking;
using QaBot.Conversations.Actions;
using QaBot.Conversations.Assurance;
using QaBot.Core.Assurance;
using QaBot.Core.Framework;
using QaBot.Core.Tracking;
using QaBot.Demo;
using QaBot.Testing.Cards;
using static QaBot.Bot.Tests.Conversations.CardJson;

namespace QaBot.Bot.Tests.Conversations;

/// <summary>
/// "my programme" on the demo council (Friday 20 November 2026, before framework version 2 takes effect on 1 January
/// 2027): the Executive Director plans 2027's visits and meetings from the card; someone with no programme is told so.
/// </summary>
[Trait("Category", "Storage")]
public sealed class ProgrammeConversationTests(DemoCouncilFixture council) : IClassFixture<DemoCouncilFixture>
{
    private static readonly DutyId Visits = new("exec-director-front-line-visits");

    [Fact]
    public async Task MyProgramme_ExecutiveDirector_AddsAVisitFromTheCard_ItIsAnItemRemindedInItsMonth()
    {
        var helen = new ChatUser(council.Host, DemoCouncil.KeyPeople.ExecutiveDirector, "Helen Ashworth");

        var card = CardOf(Assert.Single(await helen.SayAsync("my programme")));
        CardAssert.PassesOfficialParser(card.ToJsonString(), "my programme");
        var text = Text(card);
        Assert.Contains("Programme of visits for 2027: 0 planned of 4, 0 held", text, StringComparison.Ordinal);
        Assert.Contains("Programme of meetings for 2027: 0 planned of 4, 0 held", text, StringComparison.Ordinal);
        // The months offered start in January 2027, when the programmes start.
        Assert.Contains("\"title\":\"January 2027\",\"value\":\"2027-01\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("December 2026", text, StringComparison.Ordinal);
        var add = Assert.Single(Buttons(card, CardVerbs.AddProgrammeEntry));

        var result = await helen.PressAsync(add, (ProgrammeCardBuilder.DutyInput, Visits.Value), (ProgrammeCardBuilder.WhatInput, "Bolsover locality social work team"), (ProgrammeCardBuilder.MonthInput, "2027-02"));
        var again = await helen.PressAsync(add, (ProgrammeCardBuilder.DutyInput, Visits.Value), (ProgrammeCardBuilder.WhatInput, "Bolsover locality social work team"), (ProgrammeCardBuilder.MonthInput, "2027-02"));

        var after = Text(result.Card);
        Assert.Contains("Added to your programme: Bolsover locality social work team, February 2027. I'll remind you before it is due.", after, StringComparison.Ordinal);
        Assert.Contains("Programme of visits for 2027: 1 planned of 4, 0 held", after, StringComparison.Ordinal);
        Assert.Contains("1. Bolsover locality social work team, February 2027: planned, due Fri 26 Feb 2027", after, StringComparison.Ordinal);
        Assert.Contains("is in your programme already, so nothing was added.", Text(again.Card), StringComparison.Ordinal);
        var ed = (await council.Services.GetRequiredService<IDirectoryStore>().GetPersonAsync(DemoCouncil.KeyPeople.ExecutiveDirector))!;
        var item = await council.Services.GetRequiredService<ITrackingStore>().GetAsync(new ItemKey(ed.HomeArea, Programme.ItemFor(new ProgrammeKey(ed.Id, Visits, 2027), 1)));
        Assert.Equal((new DateOnly(2027, 2, 26), ItemStatus.Open), (item!.Due, item.Status));
        var trail = await council.Services.GetRequiredService<AnnualProgrammes>().GetAuditTrailAsync(new ProgrammeKey(DemoCouncil.KeyPeople.ExecutiveDirector, Visits, 2027), CancellationToken.None);
        Assert.Equal((Actor.Person(DemoCouncil.KeyPeople.ExecutiveDirector), "teams"), (Assert.Single(trail).Actor, trail[0].Origin.Channel));
    }

    [Fact]
    public async Task MyProgramme_APastMonthOrNoWhen_RefusedOnTheCard_AndNothingAdded()
    {
        var tom = new ChatUser(council.Host, DemoCouncil.KeyPeople.DirectorSchools, "Tom Hadley");
        var add = Assert.Single(Buttons(CardOf(Assert.Single(await tom.SayAsync("plan my visits"))), CardVerbs.AddProgrammeEntry));

        var past = await tom.PressAsync(add, (ProgrammeCardBuilder.DutyInput, "director-sl-future-shape-education"), (ProgrammeCardBuilder.WhatInput, "Future Shape: Education board"), (ProgrammeCardBuilder.DateInput, "2026-11-02"));
        var none = await tom.PressAsync(add, (ProgrammeCardBuilder.DutyInput, "director-sl-future-shape-education"), (ProgrammeCardBuilder.WhatInput, "Future Shape: Education board"));
        var tampered = await tom.PressAsync(add, (ProgrammeCardBuilder.DutyInput, Visits.Value), (ProgrammeCardBuilder.WhatInput, "A team"), (ProgrammeCardBuilder.MonthInput, "2027-03"));

        Assert.Contains("Mon 2 Nov 2026 has passed: plan visits and meetings from today on. Nothing was added.", Text(past.Card), StringComparison.Ordinal);
        Assert.Contains("Choose a month or give a date. Nothing was added.", Text(none.Card), StringComparison.Ordinal);
        Assert.Contains("The programme exec-director-front-line-visits is owed by a role not held on Mon 1 Mar 2027", Text(tampered.Card), StringComparison.Ordinal);
        var both = await tom.PressAsync(add, (ProgrammeCardBuilder.DutyInput, "director-sl-future-shape-education"), (ProgrammeCardBuilder.WhatInput, "Future Shape: Education board"), (ProgrammeCardBuilder.MonthInput, "2027-03"), (ProgrammeCardBuilder.DateInput, "2027-03-10"));
        Assert.Contains("Choose a month or give a date, not both. Nothing was added.", Text(both.Card), StringComparison.Ordinal);
        Assert.Empty(await council.Services.GetRequiredService<IProgrammeStore>().ListAsync(2027, DemoCouncil.KeyPeople.DirectorSchools));
        Assert.Empty(await council.Services.GetRequiredService<IProgrammeStore>().ListAsync(2026, DemoCouncil.KeyPeople.DirectorSchools));
    }

    [Fact]
    public async Task MyProgramme_SomeoneWithNoProgramme_IsToldSo_WithNoForm()
    {
        var worker = new ChatUser(council.Host, DemoCouncil.KeyPeople.SocialWorkerChesterfield, "Social worker");

        var card = CardOf(Assert.Single(await worker.SayAsync("my programme")));

        Assert.Contains("You hold no role with an annual programme of visits or meetings.", Text(card), StringComparison.Ordinal);
        Assert.Empty(Buttons(card, CardVerbs.AddProgrammeEntry));
    }
}
