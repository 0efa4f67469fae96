using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Organisation;
using QaBot.Application.Tracking;
using QaBot.Conversations.Actions;
using QaBot.Core.Meetings;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Demo;
using QaBot.Testing.Cards;
using static QaBot.Bot.Tests.Conversations.CardJson;

namespace QaBot.Bot.Tests.Conversations;

/// <summary>
/// The Executive Director's item for the QA &amp; Transformation Board she chairs this afternoon, Friday 20 November 2026, on the demo
/// council: her card of what is due this week offers Held, Moved and Cancelled; moving it records the new date, and with no
/// calendar invitation kept for the board, says that no calendar was changed.
/// </summary>
[Trait("Category", "Storage")]
public sealed class ChairedMeetingConversationTests(DemoCouncilFixture council) : IClassFixture<DemoCouncilFixture>
{
    private static readonly Core.Framework.DutyId Board = new("exec-director-chair-qa-transformation-board");

    [Fact]
    public async Task AChairedMeeting_IsHeldMovedOrCancelled_AndMovingItRecordsTheNewDate()
    {
        var ed = (await council.Services.GetRequiredService<IDirectoryStore>().GetPersonAsync(DemoCouncil.KeyPeople.ExecutiveDirector))!;
        var tracking = council.Services.GetRequiredService<ITrackingStore>();
        var meeting = new ChairedMeeting(Board, ed.Id, new DateOnly(2026, 11, 20), new TimeOnly(14, 0), "QA & Transformation Board");
        var occurrence = new Occurrence(meeting.ItemId, Board, ed.Id, meeting.Date, meeting.Date, meeting.Date, [], null, Provisional: false);
        var item = TrackedItem.FromOccurrence(occurrence, ed.HomeArea, DemoCouncilFixture.Now.AddDays(-7), Actor.System("meetings")) with { Note = meeting.Note };
        await tracking.AddIfAbsentAsync([NewItem.Of(item)], new AuditOrigin("test", null));
        var helen = new ChatUser(council.Host, ed.Id, "Helen Ashworth");

        var card = CardOf(Assert.Single(await helen.SayAsync("due this week")));
        CardAssert.PassesOfficialParser(card.ToJsonString(), "digest with a chaired meeting");
        var text = Text(card);
        Assert.Contains("QA & Transformation Board, Fri 20 Nov 2026 at 14:00", text, StringComparison.Ordinal);
        var move = Buttons(card, CardVerbs.Reschedule).Single(b => b["data"]?["item"]?.GetValue<string>() == item.Id.Value);
        Assert.Contains("\"title\":\"Held\"", text, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Moved\"", text, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Cancelled\"", text, StringComparison.Ordinal);
        Assert.Contains("Minutes' link and who attended (optional)", text, StringComparison.Ordinal);
        var slot = move["data"]!["n"]!.GetValue<int>();

        var result = await helen.PressAsync(move, (ActionData.NewDateInput(slot), "2026-11-24"), (ActionData.MoveReasonInput(slot), "The chair of the safeguarding partnership cannot attend on Tuesday"));

        Assert.Contains("QaBot has no calendar invitation for this meeting, so no calendar was changed.", Text(result.Card), StringComparison.Ordinal);
        var moved = (await tracking.GetAsync(item.Key))!;
        Assert.Equal((ItemStatus.Rescheduled, new DateOnly(2026, 11, 24)), (moved.Status, moved.RescheduledTo));
    }

    [Fact]
    public async Task AChairedMeetingMovedBeyondTheAllowance_IsMovedWhenTheManagerAgrees_AndTheManagerIsToldAboutTheCalendar()
    {
        var directory = council.Services.GetRequiredService<IDirectoryStore>();
        var ian = (await directory.GetPersonAsync(DemoCouncil.KeyPeople.HeadOfServiceNorth))!;
        var rachel = (await directory.GetPersonAsync(ian.LineManager!.Value))!;
        var tracking = council.Services.GetRequiredService<ITrackingStore>();
        var duty = new Core.Framework.DutyId("head-of-service-ehs-chair-locality-scrutiny");
        var meeting = new ChairedMeeting(duty, ian.Id, new DateOnly(2026, 11, 20), new TimeOnly(13, 30), "Locality scrutiny meeting: Locality: Chesterfield");
        var occurrence = new Occurrence(meeting.ItemId, duty, ian.Id, meeting.Date, meeting.Date, meeting.Date, [], null, Provisional: false);
        var item = TrackedItem.FromOccurrence(occurrence, ian.HomeArea, DemoCouncilFixture.Now.AddDays(-7), Actor.System("meetings")) with { Note = meeting.Note };
        await tracking.AddIfAbsentAsync([NewItem.Of(item)], new AuditOrigin("test", null));
        var chair = new ChatUser(council.Host, ian.Id, ian.DisplayName);
        var manager = new ChatUser(council.Host, rachel.Id, rachel.DisplayName);
        await chair.InstallAsync();
        await manager.InstallAsync();
        var card = CardOf((await chair.SayAsync("due this week"))[^1]);
        var move = Buttons(card, CardVerbs.Reschedule).Single(b => b["data"]?["item"]?.GetValue<string>() == item.Id.Value);
        var slot = move["data"]!["n"]!.GetValue<int>();

        var asked = await chair.PressAsync(move, (ActionData.NewDateInput(slot), "2027-01-13"), (ActionData.MoveReasonInput(slot), "The locality's managers are on a training course"));
        var sent = Assert.Single(asked.Sent, r => r.Uri.AbsolutePath.Contains(manager.ConversationId, StringComparison.Ordinal) || r.Uri.AbsolutePath.Contains(Uri.EscapeDataString(manager.ConversationId), StringComparison.Ordinal));
        var approve = Assert.Single(Buttons(CardOf(System.Text.Json.Nodes.JsonNode.Parse(sent.Body)!.AsObject()), CardVerbs.Approve));
        var agreed = await manager.PressAsync(approve);

        Assert.Contains("Approved: now due Wed 13 Jan 2027. QaBot has no calendar invitation for this meeting, so no calendar was changed.", Text(agreed.Card), StringComparison.Ordinal);
        Assert.Equal((ItemStatus.Rescheduled, new DateOnly(2027, 1, 13)), ((await tracking.GetAsync(item.Key))!.Status, (await tracking.GetAsync(item.Key))!.RescheduledTo));
    }
}
