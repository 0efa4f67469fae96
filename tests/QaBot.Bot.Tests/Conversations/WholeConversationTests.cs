using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Compliance;
using QaBot.Application.Conversations;
using QaBot.Application.Organisation;
using QaBot.Application.Reports;
using QaBot.Application.Tracking;
using QaBot.Conversations.Actions;
using QaBot.Conversations.Cards;
using QaBot.Conversations.Digests;
using QaBot.Conversations.Text;
using QaBot.Conversations.Turns;
using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Reminders;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Demo;
using QaBot.Testing;
using QaBot.Testing.BotFramework;
using QaBot.Testing.Cards;
using static QaBot.Bot.Tests.Conversations.CardJson;

namespace QaBot.Bot.Tests.Conversations;

/// <summary>
/// Whole conversations with the demo council on Friday 20 November 2026, through the real endpoint (authenticated as
/// the channel), the real conversation logic and storage in Azurite: activities in, replies and invoke responses out.
/// </summary>
[Trait("Category", "Storage")]
public sealed class WholeConversationTests(DemoCouncilFixture council) : IClassFixture<DemoCouncilFixture>
{
    /// <summary>The card's activity id in the test activities (their <c>replyToId</c>).</summary>
    private const string TeamsActivityCardId = "1700000000000";

    private static readonly PersonId Unknown = new("0f000000-0000-4000-8000-0000000000ff");

    private ITrackingStore Tracking => council.Services.GetRequiredService<ITrackingStore>();

    private IDirectoryStore Directory => council.Services.GetRequiredService<IDirectoryStore>();

    private IConversationReferenceStore Conversations => council.Services.GetRequiredService<IConversationReferenceStore>();

    private ChatUser As(PersonId person, string name) => new(council.Host, person, name);

    private ChatUser Dan => As(DemoCouncil.KeyPeople.TeamManagerChesterfield, "Dan Mercer");

    private ChatUser Priya => As(DemoCouncil.KeyPeople.SocialWorkerChesterfield, "Priya Nolan");

    private ChatUser Ian => As(DemoCouncil.KeyPeople.HeadOfServiceNorth, "Ian Whitworth");

    private async Task<Person> PersonAsync(PersonId id) => (await Directory.GetPersonAsync(id))!;

    private async Task<TrackedItem> CurrentAsync(TrackedItem item) => (await Tracking.GetAsync(item.Key))!;

    /// <summary>A person's outstanding items due by the as-of date (so they are on their digest), earliest first.</summary>
    private async Task<List<TrackedItem>> DueItemsAsync(PersonId person)
    {
        var composer = council.Services.GetRequiredService<DigestComposer>();
        return (await Tracking.GetOpenItemsAsync(await PersonAsync(person)))
            .Where(i => composer.IsDueOrOverdue(i, DemoCouncilFixture.AsOf))
            .OrderBy(i => i.EffectiveDue)
            .ToList();
    }

    /// <summary>The person's first due item that Done records at once (a reflective case review's Done opens its form instead).</summary>
    private async Task<TrackedItem> FirstRecordedByDoneAsync(PersonId person) =>
        (await DueItemsAsync(person)).First(i => i.Duty != new DutyId("team-manager-reflective-case-review"));

    private static JsonObject ButtonFor(JsonNode card, string verb, TrackedItem item) =>
        Buttons(card, verb).Single(b => b["data"]!["item"]!.GetValue<string>() == item.Id.Value);

    /// <summary>Whether a button's item is owned by <paramref name="person"/> (an item id is duty.period.owner[.concerns]).</summary>
    private static bool IsOwnedBy(JsonObject button, PersonId person) =>
        button["data"]!["item"]!.GetValue<string>().Split('.')[2] == person.Value;

    [Fact]
    public async Task Install_KnownPerson_StoresTheConversationAndGreetsWithRolesAndDuties()
    {
        var user = As(new PersonId("d0000000-0000-4000-8000-000000000006"), "Tom Hadley");

        var replies = await user.InstallAsync();
        var again = await user.BotAddedAsync();

        var greeting = Text(CardOf(Assert.Single(replies)));
        Assert.Contains("Hello Tom Hadley, I'm QaBot", greeting, StringComparison.Ordinal);
        Assert.Contains("Director, Schools and Learning", greeting, StringComparison.Ordinal);
        Assert.Contains("Service Directors", greeting, StringComparison.Ordinal);
        Assert.Contains("Meet with Derbyshire Parent Carer Voice", greeting, StringComparison.Ordinal);
        Assert.Contains("what's overdue in my area", greeting, StringComparison.Ordinal);
        Assert.Empty(again);
        var stored = await Conversations.GetAsync(user.Person);
        Assert.NotNull(stored);
        Assert.Equal(user.ConversationId, stored.Reference.ConversationId);
        Assert.Equal(user.ChannelUserId, stored.Reference.UserId);
    }

    [Fact]
    public async Task Install_PersonNotInTheDirectory_ToldWhoToContactAndNothingStored()
    {
        var stranger = As(Unknown, "Sam Stranger");

        var replies = await stranger.InstallAsync();
        var message = await stranger.SayAsync("my tasks");

        Assert.Contains("the QA team", Assert.Single(replies)["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("can't find you", Assert.Single(message)["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(await Conversations.GetAsync(Unknown));
    }

    [Fact]
    public async Task MyTasks_TeamManager_TheDigestCardWithHisDueItems()
    {
        var due = await DueItemsAsync(Dan.Person);
        Assert.NotEmpty(due);

        var reply = Assert.Single(await Dan.SayAsync("My tasks"));

        var card = CardOf(reply);
        CardAssert.PassesOfficialParser(card.ToJsonString(), "Dan's digest");
        Assert.Contains("What's due for you", Text(card), StringComparison.Ordinal);
        var shown = Buttons(card, CardVerbs.Done).Select(b => b["data"]!["item"]!.GetValue<string>()).ToList();
        Assert.InRange(shown.Count, 1, DigestCardBuilder.MaxItemsPerPage);
        Assert.Equal(due.Select(i => i.Id.Value).Take(shown.Count), shown);
        if (shown.Count < due.Count)
        {
            Assert.Contains($"Showing 1 to {shown.Count} of {due.Count}.", Text(card), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task MyTasks_SocialWorkerWithNothingDue_ACardWithNoButtons()
    {
        Assert.Empty(await DueItemsAsync(Priya.Person));

        var card = CardOf(Assert.Single(await Priya.SayAsync("what do I need to do?")));

        Assert.Empty(Buttons(card, CardVerbs.Done));
        CardAssert.PassesOfficialParser(card.ToJsonString(), "empty digest");
    }

    [Fact]
    public async Task Done_OwnItem_RecordedRefreshedCardAndASecondPressChangesNothing()
    {
        var user = As(await FirstWithDueItemsAsync(skip: 1), "Reply Tester");
        var item = await FirstRecordedByDoneAsync(user.Person);
        var card = CardOf(Assert.Single(await user.SayAsync("what's due")));
        var done = ButtonFor(card, CardVerbs.Done, item);
        var slot = done["data"]!["n"]!.GetValue<int>();

        var first = await user.PressAsync(done, ($"doneOn{slot}", "2026-11-19"), ($"doneNote{slot}", "Held in the office"));
        var afterFirst = await CurrentAsync(item);
        var auditAfterFirst = await Tracking.GetAuditTrailAsync(item.Key);
        var second = await user.PressAsync(done, ($"doneOn{slot}", "2026-11-19"), ($"doneNote{slot}", "Held in the office"));

        Assert.Equal(200, first.StatusCode);
        var refreshed = Text(first.Card);
        Assert.Contains("Recorded.", refreshed, StringComparison.Ordinal);
        Assert.Contains("done on Thu 19 Nov 2026 (note: Held in the office). Recorded by", refreshed, StringComparison.Ordinal);
        Assert.Contains("at 09:30 on Fri 20 Nov 2026", refreshed, StringComparison.Ordinal);
        Assert.DoesNotContain(Buttons(first.Card, CardVerbs.Done), b => b["data"]!["item"]!.GetValue<string>() == item.Id.Value);
        CardAssert.PassesOfficialParser(first.Card.ToJsonString(), "refreshed digest");

        Assert.Equal(ItemStatus.Done, afterFirst.Status);
        Assert.Equal(new DateOnly(2026, 11, 19), afterFirst.CompletedOn);
        Assert.Equal(Actor.Person(user.Person), afterFirst.UpdatedBy);
        Assert.Equal("done", auditAfterFirst[^1].Action);
        Assert.Equal("teams", auditAfterFirst[^1].Origin.Channel);

        Assert.Equal(200, second.StatusCode);
        Assert.Contains("Already recorded, nothing changed.", Text(second.Card), StringComparison.Ordinal);
        Assert.Equal(afterFirst.Version, (await CurrentAsync(item)).Version);
        Assert.Equal(auditAfterFirst.Count, (await Tracking.GetAuditTrailAsync(item.Key)).Count);
        Assert.Single(await Tracking.GetRepliesAsync(item.Key), r => r.ReplyId == afterFirst.LastReplyId);
    }

    [Fact]
    public async Task NotApplicable_AReasonFromTheList_RecordedWithItsWordingAndCountedUnderIt()
    {
        var user = As(await FirstWithDueItemsAsync(skip: 4), "Reason Tester");
        var item = (await DueItemsAsync(user.Person))[0];
        var card = CardOf(Assert.Single(await user.SayAsync("my tasks")));
        var notApplicable = ButtonFor(card, CardVerbs.NotApplicable, item);
        var slot = notApplicable["data"]!["n"]!.GetValue<int>();
        Assert.Contains("Post or caseload vacant", card.ToJsonString(), StringComparison.Ordinal);
        CardAssert.PassesOfficialParser(card.ToJsonString(), "digest with the reason list");

        var result = await user.PressAsync(notApplicable, (ActionData.NotApplicableCodeInput(slot), "vacant"));

        Assert.Contains("not applicable this time (Post or caseload vacant)", Text(result.Card), StringComparison.Ordinal);
        Assert.Equal("vacant", (await CurrentAsync(item)).NotApplicableReason);
        var month = ReportMonth.Of(item.Due);
        var cells = await council.Services.GetRequiredService<IComplianceStore>().GetCellsAsync(item.Area, month, month);
        Assert.Equal(1, cells.Single(c => c.Area == item.Area).Duties[item.Duty].NotApplicable.GetValueOrDefault("vacant"));
    }

    [Fact]
    public async Task Done_OnACardDrawnBeforeTheItemChanged_AnswersTheRefreshedCardAndWritesNothing()
    {
        var user = As(await FirstWithDueItemsAsync(skip: 0), "Stale Card Tester");
        var item = await FirstRecordedByDoneAsync(user.Person);
        var card = CardOf(Assert.Single(await user.SayAsync("my tasks")));
        var done = ButtonFor(card, CardVerbs.Done, item);
        var notApplicable = ButtonFor(card, CardVerbs.NotApplicable, item);
        var slot = done["data"]!["n"]!.GetValue<int>();

        var repliesBefore = (await Tracking.GetRepliesAsync(item.Key)).Count;

        // The same card, open on a second device: one press closes the item, then the other card's Done arrives.
        var first = await user.PressAsync(notApplicable, (ActionData.NotApplicableReasonInput(slot), "Covered by the review"));
        var closed = await CurrentAsync(item);
        var audit = await Tracking.GetAuditTrailAsync(item.Key);
        var late = await user.PressAsync(done, (ActionData.DoneOnInput(slot), "2026-11-19"));

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(200, late.StatusCode);
        Assert.Contains(CardActionHandler.StaleCard, Text(late.Card), StringComparison.Ordinal);
        Assert.DoesNotContain(Buttons(late.Card, CardVerbs.Done), b => b["data"]!["item"]!.GetValue<string>() == item.Id.Value);
        CardAssert.PassesOfficialParser(late.Card.ToJsonString(), "card redrawn after a stale press");
        var after = await CurrentAsync(item);
        Assert.Equal((ItemStatus.NotApplicable, closed.Version), (after.Status, after.Version));
        Assert.Equal(audit.Count, (await Tracking.GetAuditTrailAsync(item.Key)).Count);
        Assert.Equal(repliesBefore + 1, (await Tracking.GetRepliesAsync(item.Key)).Count);
    }

    [Fact]
    public async Task Done_SomeoneElsesItem_RefusedExactlyAsAnItemThatDoesNotExistAndNothingWritten()
    {
        var item = (await DueItemsAsync(Dan.Person))[0];
        var card = CardOf(Assert.Single(await Dan.SayAsync("my tasks")));
        var done = ButtonFor(card, CardVerbs.Done, item);
        var audit = await Tracking.GetAuditTrailAsync(item.Key);

        var madeUp = (JsonObject)done["data"]!.DeepClone();
        madeUp["item"] = "team-manager-supervision.2026-11.no-such-person";

        // Ian, who leads Dan's locality, presses the button from Dan's card, and a button naming an item that does not exist.
        var result = await Ian.PressAsync(done, ($"doneOn{done["data"]!["n"]}", "2026-11-20"));
        var missing = await Ian.PressAsync(CardVerbs.Done, madeUp);

        // One answer for both, so that pressing made-up buttons tells nobody which item ids exist.
        Assert.Equal(404, result.StatusCode);
        Assert.Equal("application/vnd.microsoft.error", result.Type);
        Assert.Equal("ItemNotFound", result.ErrorCode);
        Assert.Equal(CardActionHandler.ItemNotFound, result.Body["value"]!["message"]!.GetValue<string>());
        Assert.Equal(missing.Body.ToJsonString(), result.Body.ToJsonString());
        Assert.Equal(item.Version, (await CurrentAsync(item)).Version);
        Assert.Equal(audit.Count, (await Tracking.GetAuditTrailAsync(item.Key)).Count);
    }

    [Theory]
    [InlineData("item", "team-manager-supervision.2026-11.no-such-person")]
    [InlineData("item", "../../etc/passwd")]
    [InlineData("v", "three")]
    [InlineData("area", "Not An Area!")]
    [InlineData("view", "everything")]
    public async Task Done_TamperedOrMissingItem_RefusedAndNothingWritten(string field, string value)
    {
        var item = (await DueItemsAsync(Dan.Person))[0];
        var card = CardOf(Assert.Single(await Dan.SayAsync("my tasks")));
        var data = (JsonObject)ButtonFor(card, CardVerbs.Done, item)["data"]!.DeepClone();
        data[field] = value;
        var audit = await Tracking.GetAuditTrailAsync(item.Key);

        var result = await Dan.PressAsync(CardVerbs.Done, data);

        Assert.Equal("application/vnd.microsoft.error", result.Type);
        Assert.Equal(field == "item" && value.StartsWith("team-", StringComparison.Ordinal) ? 404 : 400, result.StatusCode);
        Assert.Equal(item.Version, (await CurrentAsync(item)).Version);
        Assert.Equal(audit.Count, (await Tracking.GetAuditTrailAsync(item.Key)).Count);
    }

    /// <summary>
    /// Someone asks to move an item further than the allowance: their card says it went to their line manager, who gets
    /// an approval card. Returns the requester, the manager, the item, the date asked for and the manager's card.
    /// </summary>
    private async Task<(ChatUser User, ChatUser Manager, TrackedItem Item, DateOnly To, JsonObject ApprovalCard)> AskForApprovalAsync(Func<List<TrackedItem>, TrackedItem> pick)
    {
        var person = await PersonAsync(await FirstWithDueItemsAsync(skip: 2));
        var user = As(person.Id, person.DisplayName);
        var managerPerson = await PersonAsync(person.LineManager!.Value);
        var manager = As(managerPerson.Id, managerPerson.DisplayName);
        await user.InstallAsync();
        await manager.InstallAsync();
        var card = CardOf((await user.SayAsync("my tasks"))[^1]);
        var onCard = Buttons(card, CardVerbs.Reschedule).Select(b => b["data"]!["item"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var item = pick((await DueItemsAsync(user.Person)).Where(i => onCard.Contains(i.Id.Value)).ToList());
        var button = ButtonFor(card, CardVerbs.Reschedule, item);
        var slot = button["data"]!["n"]!.GetValue<int>();
        var calendar = council.Services.GetRequiredService<QaBot.Core.Calendar.CouncilCalendar>();
        var tooFar = calendar.AddWorkingDays(item.Due > DemoCouncilFixture.AsOf ? item.Due : DemoCouncilFixture.AsOf, 15);

        var result = await user.PressAsync(button, ($"newDate{slot}", tooFar.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ($"moveReason{slot}", "Annual leave"));

        Assert.Equal(200, result.StatusCode);
        Assert.Contains($"needs approval: I've asked {manager.Name}", Text(result.Card), StringComparison.Ordinal);
        var waiting = await CurrentAsync(item);
        Assert.Equal((item.Status, item.EffectiveDue, true), (waiting.Status, waiting.EffectiveDue, waiting.IsAwaitingApproval));
        Assert.Equal("reschedule-requested", (await Tracking.GetAuditTrailAsync(item.Key))[^1].Action);
        var sent = Assert.Single(result.Sent, r => r.Uri.AbsolutePath.Contains(Uri.EscapeDataString(manager.ConversationId), StringComparison.Ordinal) || r.Uri.AbsolutePath.Contains(manager.ConversationId, StringComparison.Ordinal));
        var approvalCard = CardOf(JsonNode.Parse(sent.Body)!.AsObject());
        CardAssert.PassesOfficialParser(approvalCard.ToJsonString(), "approval card");
        var text = Text(approvalCard);
        Assert.Contains($"{user.Name} asks to move", text, StringComparison.Ordinal);
        Assert.Contains("Annual leave", text, StringComparison.Ordinal);
        return (user, manager, item, tooFar, approvalCard);
    }

    private static JsonObject? AnswerTo(InvokeResult result, ChatUser user) =>
        result.Sent.Where(r => r.Uri.AbsolutePath.Contains(Uri.EscapeDataString(user.ConversationId), StringComparison.Ordinal) || r.Uri.AbsolutePath.Contains(user.ConversationId, StringComparison.Ordinal))
            .Select(r => CardOf(JsonNode.Parse(r.Body)!.AsObject()))
            .SingleOrDefault();

    [Fact]
    public async Task Reschedule_BeyondTheAllowance_TheLineManagerApprovesAndTheRequesterSeesItOnTheirCard()
    {
        var (user, manager, item, to, approvalCard) = await AskForApprovalAsync(due => due[^1]);
        var approve = Assert.Single(Buttons(approvalCard, CardVerbs.Approve));

        // Only the requester's line manager (or the next one up) may answer: anyone else is refused as if there were no such item.
        var stranger = await Dan.PressAsync(approve);
        var result = await manager.PressAsync(approve);
        var again = await manager.PressAsync(approve);

        Assert.Equal((404, CardActionHandler.ItemNotFoundCode), (stranger.StatusCode, stranger.ErrorCode));
        Assert.Equal(200, result.StatusCode);
        Assert.Contains($"Approved: now due {QaBot.Core.Calendar.UkDates.Format(to)}. I've told {user.Name}.", Text(result.Card), StringComparison.Ordinal);
        Assert.Empty(Buttons(result.Card));
        var current = await CurrentAsync(item);
        Assert.Equal((ItemStatus.Rescheduled, (DateOnly?)to, "Annual leave"), (current.Status, current.RescheduledTo, current.Note));
        var audit = await Tracking.GetAuditTrailAsync(item.Key);
        Assert.Equal(["reschedule-requested", "reschedule-approved"], audit.TakeLast(2).Select(a => a.Action));
        Assert.Equal(Actor.Person(manager.Person), audit[^1].Actor);
        var answer = AnswerTo(result, user)!;
        Assert.Contains($"{manager.Name} approved your request", Text(answer), StringComparison.Ordinal);
        CardAssert.PassesOfficialParser(answer.ToJsonString(), "approval answer");

        Assert.Contains("Already approved; nothing changed.", Text(again.Card), StringComparison.Ordinal);
        Assert.Empty(again.Sent);
        Assert.Equal(current.Version, (await CurrentAsync(item)).Version);
        Assert.Equal(audit.Count, (await Tracking.GetAuditTrailAsync(item.Key)).Count);
    }

    [Fact]
    public async Task Reschedule_BeyondTheAllowance_TheLineManagerDeclinesWithAReasonAndTheDateStands()
    {
        var (user, manager, item, to, approvalCard) = await AskForApprovalAsync(due => due[0]);
        var decline = Assert.Single(Buttons(approvalCard, CardVerbs.Decline));

        var result = await manager.PressAsync(decline, (ActionData.DeclineReasonInput, "The panel needs it first"));

        Assert.Contains("Declined: it stays due", Text(result.Card), StringComparison.Ordinal);
        var current = await CurrentAsync(item);
        Assert.Equal((item.Status, item.EffectiveDue, false), (current.Status, current.EffectiveDue, current.IsAwaitingApproval));
        Assert.Equal(("reschedule-declined", Actor.Person(manager.Person)), ((await Tracking.GetAuditTrailAsync(item.Key))[^1].Action, (await Tracking.GetAuditTrailAsync(item.Key))[^1].Actor));
        var answer = Text(AnswerTo(result, user)!);
        Assert.Contains($"{manager.Name} declined moving", answer, StringComparison.Ordinal);
        Assert.Contains($"to {QaBot.Core.Calendar.UkDates.Format(to)} (reason: The panel needs it first)", answer, StringComparison.Ordinal);
        Assert.Contains(Buttons(AnswerTo(result, user)!, CardVerbs.Done), b => b["data"]!["item"]!.GetValue<string>() == item.Id.Value);

        // The approve button on the same card, pressed after the decline, changes nothing.
        var late = await manager.PressAsync(Assert.Single(Buttons(approvalCard, CardVerbs.Approve)));
        Assert.Contains("Already declined; nothing changed.", Text(late.Card), StringComparison.Ordinal);
        Assert.Equal(current.Version, (await CurrentAsync(item)).Version);
    }

    [Fact]
    public async Task Reschedule_WithinTheAllowance_MovesTheDateAndSaysSo()
    {
        // Every demo item on a digest is already overdue by more than the allowance, so give this manager one due on Tuesday.
        var user = As(await FirstWithDueItemsAsync(skip: 3), "Reschedule Tester");
        var template = (await DueItemsAsync(user.Person))[0];
        var tuesday = new DateOnly(2026, 11, 24);
        var item = template with
        {
            Id = OccurrenceId.For(template.Duty, "test-20261124", user.Person),
            Due = tuesday,
            WindowFrom = new DateOnly(2026, 11, 2),
            WindowTo = tuesday,
            Status = ItemStatus.Open,
            CompletedOn = null,
            RescheduledTo = null,
            Note = null,
            NudgeCount = 0,
            LastNudgedAt = null,
            Version = 1,
            LastReplyId = null,
        };
        Assert.Equal(1, await Tracking.AddIfAbsentAsync([new NewItem(item, [])], new AuditOrigin("cli", "test")));
        var card = CardOf(Assert.Single(await user.SayAsync("my tasks")));
        for (var page = 0; page < 5 && !Buttons(card, CardVerbs.Reschedule).Any(b => b["data"]!["item"]!.GetValue<string>() == item.Id.Value); page++)
        {
            // The item falls due last, so it may be on a later page of the digest.
            card = (await user.PressAsync(Buttons(card, CardVerbs.Page).First(b => b["title"]!.GetValue<string>() == "Show more"))).Card;
        }

        var button = ButtonFor(card, CardVerbs.Reschedule, item);
        var slot = button["data"]!["n"]!.GetValue<int>();
        var calendar = council.Services.GetRequiredService<QaBot.Core.Calendar.CouncilCalendar>();
        var newDate = calendar.AddWorkingDays(item.Due, 3);

        var result = await user.PressAsync(button, ($"newDate{slot}", newDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), ($"moveReason{slot}", "Sickness"));

        Assert.Contains($"moved to {QaBot.Core.Calendar.UkDates.Format(newDate)} (reason: Sickness)", Text(result.Card), StringComparison.Ordinal);
        var current = await CurrentAsync(item);
        Assert.Equal(ItemStatus.Rescheduled, current.Status);
        Assert.Equal(newDate, current.RescheduledTo);
        Assert.Equal("rescheduled", (await Tracking.GetAuditTrailAsync(item.Key))[^1].Action);
    }

    [Fact]
    public async Task Overdue_Director_HerWholeDivisionByAreaAndDuty()
    {
        var rachel = As(DemoCouncil.KeyPeople.DirectorEarlyHelp, "Rachel Okafor");

        var card = CardOf(Assert.Single(await rachel.SayAsync("What's overdue in my area?")));

        var text = Text(card);
        Assert.Contains("Overdue in Early Help & Safeguarding", text, StringComparison.Ordinal);
        Assert.Contains("By area and duty", text, StringComparison.Ordinal);
        Assert.Contains("Locality: Chesterfield", text, StringComparison.Ordinal);
        var nudges = Buttons(card, CardVerbs.Nudge);
        Assert.NotEmpty(nudges);
        Assert.All(nudges, n => Assert.StartsWith("childrens-services.early-help-and-safeguarding", n["data"]!["area"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.True(CardSize.Fits(card.ToJsonString()));
        CardAssert.PassesOfficialParser(card.ToJsonString(), "director's overdue answer");
    }

    [Fact]
    public async Task Overdue_HeadOfService_TheFourLocalitiesTheyLead()
    {
        var ian = As(DemoCouncil.KeyPeople.HeadOfServiceNorth, "Ian Whitworth");

        var card = CardOf(Assert.Single(await ian.SayAsync("whats overdue")));

        var text = Text(card);
        Assert.Contains("Overdue in Locality: Chesterfield, Locality: North East Derbyshire, Locality: Bolsover and Locality: High Peak", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Amber Valley", text, StringComparison.Ordinal);
        string[] north = ["locality-chesterfield", "locality-north-east-derbyshire", "locality-bolsover", "locality-high-peak"];
        Assert.All(Buttons(card, CardVerbs.Nudge), n => Assert.Contains(north, l => n["data"]!["area"]!.GetValue<string>().Contains(l, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Overdue_TeamManagerAskingAboutTheDirectorsDivision_TheirTeamOnlyAndTheCardSaysSo()
    {
        var card = CardOf(Assert.Single(await Dan.SayAsync("what's overdue in Early Help & Safeguarding")));

        var text = Text(card);
        Assert.Contains("Overdue in Team 1", text, StringComparison.Ordinal);
        Assert.Contains("You asked about Early Help & Safeguarding. You lead only part of it, so this shows Team 1.", text, StringComparison.Ordinal);
        Assert.All(Buttons(card, CardVerbs.Nudge), n => Assert.Equal(
            "childrens-services.early-help-and-safeguarding.locality-chesterfield.team-1",
            n["data"]!["area"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Overdue_TeamManagerAskingAboutAnotherLocality_TheirTeamOnlyAndTheCardSaysSo()
    {
        var card = CardOf(Assert.Single(await Dan.SayAsync("overdue in Bolsover")));

        var text = Text(card);
        Assert.Contains("You asked about Locality: Bolsover, which is outside the area you lead, so this shows Team 1 only.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("locality-bolsover", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overdue_ElectedMember_CountsByAreaAndDutyWithoutNames()
    {
        var councillor = As(DemoCouncil.KeyPeople.ElectedMember, "Cllr Margaret Doyle");
        var people = await Directory.GetPeopleInAreaAsync(AreaId.Parse("childrens-services"));

        var card = CardOf(Assert.Single(await councillor.SayAsync("what's overdue")));

        var text = Text(card);
        Assert.Contains("counts by area and duty, without staff names", text, StringComparison.Ordinal);
        Assert.Contains("Early Help & Safeguarding", text, StringComparison.Ordinal);
        Assert.Empty(Buttons(card));
        Assert.All(people.Where(p => p.Id != councillor.Person), p => Assert.DoesNotContain(p.DisplayName, text, StringComparison.Ordinal));
        CardAssert.PassesOfficialParser(card.ToJsonString(), "elected member's counts");
    }

    [Fact]
    public async Task Compliance_Director_LastMonthsRateAsTheReportGivesIt()
    {
        var rachel = As(DemoCouncil.KeyPeople.DirectorEarlyHelp, "Rachel Okafor");
        var october = new ReportMonth(2026, 10);
        var report = await council.Services.GetRequiredService<ComplianceReportQuery>().RunAsync(
            new ComplianceReportRequest(AreaId.Parse("childrens-services.early-help-and-safeguarding"), october, october, ComplianceGrouping.Month, ReportAudience.Officers, DemoCouncilFixture.AsOf));
        var total = Assert.Single(report).Figures;

        var card = CardOf(Assert.Single(await rachel.SayAsync("how are we doing?")));

        var text = Text(card);
        Assert.Contains("On time in Early Help & Safeguarding", text, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.GetCultureInfo("en-GB"), $"{total.OnTimeRate:0%} done on time in October 2026"), text, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.GetCultureInfo("en-GB"), $"{total.Due:N0} due · {total.OnTime:N0} on time · {total.Late:N0} late"), text, StringComparison.Ordinal);
        Assert.True(total.Due > 100, $"only {total.Due} due in October");
        CardAssert.PassesOfficialParser(card.ToJsonString(), "director's compliance");
    }

    [Fact]
    public async Task Compliance_ElectedMember_SuppressedCountsWithoutNames()
    {
        var councillor = As(DemoCouncil.KeyPeople.ElectedMember, "Cllr Margaret Doyle");
        var people = await Directory.GetPeopleInAreaAsync(AreaId.Parse("childrens-services"));

        var card = CardOf(Assert.Single(await councillor.SayAsync("how are we doing")));

        var text = Text(card);
        Assert.Contains("On time in Children's Services", text, StringComparison.Ordinal);
        Assert.Contains("numbers under 5 not shown", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<![\d,.])[1-4] (due|on time|late|not applicable|still open|of them)", text);
        Assert.All(people.Where(p => p.Id != councillor.Person), p => Assert.DoesNotContain(p.DisplayName, text, StringComparison.Ordinal));
        CardAssert.PassesOfficialParser(card.ToJsonString(), "elected member's compliance");
    }

    [Fact]
    public async Task InstallInTeam_StoresTheChannelToPostReportsAndSaysHello()
    {
        const string Team = "19:install-team@thread.tacv2";

        var replies = await Ian.InstallInTeamAsync(Team, Team);

        var stored = await council.Services.GetRequiredService<ITeamChannelStore>().GetAsync(Team);
        Assert.Equal(new TeamChannel(Team, Team, "msteams", TestChannelAuthority.ServiceUrl, TeamsActivityJson.BotId, TestChannelAuthority.TenantId), stored!.Channel);
        Assert.Contains("monthly performance report", Assert.Single(replies)["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEqual(Team, (await Conversations.GetAsync(Ian.Person))?.Reference.ConversationId);
    }

    [Fact]
    public async Task BotAddedToATeam_StoresTheChannelWithoutASecondHello()
    {
        const string Team = "19:added-team@thread.tacv2";

        var replies = await Ian.BotAddedToTeamAsync(Team);

        Assert.Empty(replies);
        Assert.NotNull(await council.Services.GetRequiredService<ITeamChannelStore>().GetAsync(Team));
    }

    [Fact]
    public async Task Overdue_DirectorInATeamChannel_CountsOnlyNeverNames()
    {
        var rachel = As(DemoCouncil.KeyPeople.DirectorEarlyHelp, "Rachel Okafor");
        var people = await Directory.GetPeopleInAreaAsync(AreaId.Parse("childrens-services.early-help-and-safeguarding"));

        var card = CardOf(Assert.Single(await rachel.SayInAsync("19:leadership@thread.tacv2", "what's overdue in my area", team: "19:leadership-team@thread.tacv2")));

        var text = Text(card);
        Assert.Contains("without staff names", text, StringComparison.Ordinal);
        Assert.Empty(Buttons(card));
        Assert.All(people.Where(p => p.Id != rachel.Person), p => Assert.DoesNotContain(p.DisplayName, text, StringComparison.Ordinal));
        CardAssert.PassesOfficialParser(card.ToJsonString(), "director's overdue counts in a channel");
        Assert.NotNull(await council.Services.GetRequiredService<ITeamChannelStore>().GetAsync("19:leadership@thread.tacv2"));
    }

    [Theory]
    [InlineData("my tasks")]
    [InlineData("due this week")]
    [InlineData("what's overdue")]
    public async Task OwnItems_InAGroupChat_ToldToAskInThePersonalChat(string question)
    {
        var reply = Assert.Single(await Priya.SayInAsync("19:group-chat@thread.v2", question));

        Assert.Equal(QaBotTurnHandler.PersonalChatOnlyText, reply["text"]!.GetValue<string>());
        Assert.Null(reply["attachments"]);
    }

    [Fact]
    public async Task MonthlyReport_DirectorsAndMembersChannels_PostedOnceWithTheReportsFiguresAndNoNames()
    {
        const string Director = "19:report-director@thread.tacv2";
        const string Members = "19:report-members@thread.tacv2";
        await Ian.InstallInTeamAsync(Director, Director);
        await Ian.InstallInTeamAsync(Members, Members);
        var earlyHelp = AreaId.Parse("childrens-services.early-help-and-safeguarding");
        var options = new ReportOptions
        {
            Channels =
            [
                new ReportChannelOptions { Name = "eh-leadership", Channel = Director, Area = earlyHelp.Value, Audience = ReportAudience.Officers },
                new ReportChannelOptions { Name = "members", Channel = Members, Area = "childrens-services", Audience = ReportAudience.Members },
            ],
        };
        var run = ActivatorUtilities.CreateInstance<MonthlyReportRun>(council.Services, options);
        var firstWorkingDay = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);
        var november = new ReportMonth(2026, 11);
        var total = Assert.Single(await council.Services.GetRequiredService<ComplianceReportQuery>().RunAsync(
            new ComplianceReportRequest(earlyHelp, november, november, ComplianceGrouping.Month, ReportAudience.Officers, new DateOnly(2026, 12, 1)))).Figures;
        var people = await Directory.GetPeopleInAreaAsync(AreaId.Parse("childrens-services"));
        var before = council.Host.Connector.Requests.Count;

        var result = await run.RunAsync(firstWorkingDay, CancellationToken.None);
        var again = await run.RunAsync(firstWorkingDay.AddHours(1), CancellationToken.None);

        Assert.Equal((2, 0), (result.Posted, again.Posted));
        var posts = council.Host.Connector.Requests.Skip(before).ToList();
        Assert.Equal(2, posts.Count);
        var director = Text(CardOf(JsonNode.Parse(Assert.Single(posts, p => p.Uri.AbsolutePath.Contains("report-director", StringComparison.Ordinal)).Body)!.AsObject()));
        var members = Text(CardOf(JsonNode.Parse(Assert.Single(posts, p => p.Uri.AbsolutePath.Contains("report-members", StringComparison.Ordinal)).Body)!.AsObject()));
        Assert.Contains("Performance report: Early Help & Safeguarding", director, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.GetCultureInfo("en-GB"), $"{total.OnTimeRate:0%} done on time in November 2026"), director, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.GetCultureInfo("en-GB"), $"{total.Due:N0} due · {total.OnTime:N0} on time · {total.Late:N0} late"), director, StringComparison.Ordinal);
        Assert.Contains("Chart.VerticalBar", director, StringComparison.Ordinal);
        Assert.Contains("numbers under 5 not shown", members, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<![\d,.])[1-4] (due|on time|late|not applicable|still open|of them)", members);
        Assert.All(people, p => Assert.DoesNotContain(p.DisplayName, director + members, StringComparison.Ordinal));
        CardAssert.AllPassOfficialParser([("director's channel report", director), ("members' channel report", members)]);
    }

    [Fact]
    public async Task Compliance_DirectorAsksAboutALocalityAndADuty_TheReportsFiguresForThatDuty()
    {
        var rachel = As(DemoCouncil.KeyPeople.DirectorEarlyHelp, "Rachel Okafor");
        var chesterfield = (await council.Services.GetRequiredService<AreaTreeCache>().GetAsync(CancellationToken.None)).FindByName("Locality: Chesterfield").Single().Id;
        var october = new ReportMonth(2026, 10);
        var duties = DutyWording.Matching(council.Services.GetRequiredService<FrameworkCatalogue>(), "supervision");
        var lines = (await council.Services.GetRequiredService<ComplianceReportQuery>().RunAsync(
            new ComplianceReportRequest(chesterfield, october, october, ComplianceGrouping.Duty, ReportAudience.Officers, DemoCouncilFixture.AsOf)))
            .Select(l => l.Figures).Where(l => duties.Contains(l.Duty!.Value)).ToList();
        var (due, onTime, late, rateBase) = (lines.Sum(l => l.Due), lines.Sum(l => l.OnTime), lines.Sum(l => l.Late), lines.Sum(l => l.RateBase));

        var card = CardOf(Assert.Single(await rachel.SayAsync("how is Locality: Chesterfield doing on supervision?")));

        var text = Text(card);
        Assert.True(due > 0, "nothing about supervision fell due in October");
        Assert.Contains("On time in Locality: Chesterfield: supervision", text, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.GetCultureInfo("en-GB"), $"{(double)onTime / rateBase:0%} done on time in October 2026"), text, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.GetCultureInfo("en-GB"), $"{due:N0} due · {onTime:N0} on time · {late:N0} late"), text, StringComparison.Ordinal);
        Assert.Contains("Chart.VerticalBar", text, StringComparison.Ordinal);
        CardAssert.PassesOfficialParser(card.ToJsonString(), "locality and duty compliance");
    }

    [Fact]
    public async Task Compliance_MyAreaLastQuarter_TheQuarterForTheirScope()
    {
        var rachel = As(DemoCouncil.KeyPeople.DirectorEarlyHelp, "Rachel Okafor");

        var card = CardOf(Assert.Single(await rachel.SayAsync("compliance for my area last quarter")));

        var text = Text(card);
        Assert.Contains("On time in Early Help & Safeguarding", text, StringComparison.Ordinal);
        Assert.Contains("July to September 2026", text, StringComparison.Ordinal);
        CardAssert.PassesOfficialParser(card.ToJsonString(), "last quarter's compliance");
    }

    [Fact]
    public async Task Compliance_TeamManagerAskingAboutAnotherLocality_TheirTeamOnlyAndSaysSo()
    {
        var card = CardOf(Assert.Single(await Dan.SayAsync("how is Locality: Bolsover doing")));

        var text = Text(card);
        Assert.Contains("On time in Team 1", text, StringComparison.Ordinal);
        Assert.Contains("this shows Team 1 only", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compliance_HowDidWeDoLastMonthInATeamChannel_TheSameNumbersAsTheReport()
    {
        var rachel = As(DemoCouncil.KeyPeople.DirectorEarlyHelp, "Rachel Okafor");
        var october = new ReportMonth(2026, 10);
        var total = Assert.Single(await council.Services.GetRequiredService<ComplianceReportQuery>().RunAsync(
            new ComplianceReportRequest(AreaId.Parse("childrens-services.early-help-and-safeguarding"), october, october, ComplianceGrouping.Month, ReportAudience.Officers, DemoCouncilFixture.AsOf))).Figures;

        var card = CardOf(Assert.Single(await rachel.SayInAsync("19:leadership@thread.tacv2", "how did we do last month", team: "19:leadership-team@thread.tacv2")));

        var text = Text(card);
        Assert.Contains(string.Create(CultureInfo.GetCultureInfo("en-GB"), $"{total.OnTimeRate:0%} done on time in October 2026"), text, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.GetCultureInfo("en-GB"), $"{total.Due:N0} due · {total.OnTime:N0} on time"), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compliance_SocialWorker_ToldItIsForLeaders()
    {
        var card = CardOf(Assert.Single(await Priya.SayAsync("how are we doing")));

        Assert.Contains("On-time figures are for those who lead or monitor an area", Text(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overdue_ExecutiveDirector_TheLargestAreaFitsAndPages()
    {
        var helen = As(DemoCouncil.KeyPeople.ExecutiveDirector, "Helen Ashworth");

        var card = CardOf(Assert.Single(await helen.SayAsync("what's overdue in my area")));
        var more = Assert.Single(Buttons(card, CardVerbs.Page));
        var page2 = await helen.PressAsync(more);

        Assert.True(CardSize.Fits(card.ToJsonString()), $"{CardSize.BytesOf(card.ToJsonString())} bytes");
        Assert.Contains("Overdue in Children's Services", Text(card), StringComparison.Ordinal);
        Assert.Contains("Showing 11 to 20 of", Text(page2.Card), StringComparison.Ordinal);
        Assert.True(CardSize.Fits(page2.Card.ToJsonString()));
        CardAssert.AllPassOfficialParser([("department page 1", card.ToJsonString()), ("department page 2", page2.Card.ToJsonString())]);
    }

    [Fact]
    public async Task Nudge_HeadOfService_SendsTheOwnerAReminderAndRecordsIt()
    {
        await Dan.InstallAsync();
        var card = CardOf(Assert.Single(await Ian.SayAsync("what's overdue in Chesterfield")));
        var nudge = Buttons(card, CardVerbs.Nudge).First(b => IsOwnedBy(b, Dan.Person));
        var key = new ItemKey(AreaId.Parse(nudge["data"]!["area"]!.GetValue<string>()), new(nudge["data"]!["item"]!.GetValue<string>()));
        var before = (await Tracking.GetAsync(key))!;

        var result = await Ian.PressAsync(nudge);
        var again = await Ian.PressAsync(nudge);

        Assert.Contains("Reminder sent to Dan Mercer", Text(result.Card), StringComparison.Ordinal);
        var sent = Assert.Single(result.Sent, r => r.Uri.AbsolutePath.Contains(Dan.ConversationId, StringComparison.Ordinal) || r.Uri.AbsolutePath.Contains(Uri.EscapeDataString(Dan.ConversationId), StringComparison.Ordinal));
        var reminder = CardOf(JsonNode.Parse(sent.Body)!.AsObject());
        Assert.Contains("A reminder from Ian Whitworth", Text(reminder), StringComparison.Ordinal);
        Assert.Single(Buttons(reminder, CardVerbs.Done));
        CardAssert.PassesOfficialParser(reminder.ToJsonString(), "nudge reminder");

        var after = (await Tracking.GetAsync(key))!;
        Assert.Equal(before.NudgeCount + 1, after.NudgeCount);
        Assert.Contains(await Tracking.GetNudgesAsync(key), n => n.By == Ian.Person && n.At == DemoCouncilFixture.Now);
        Assert.Equal("nudged", (await Tracking.GetAuditTrailAsync(key))[^1].Action);

        Assert.Contains("already nudged about this today", Text(again.Card), StringComparison.Ordinal);
        Assert.Empty(again.Sent);
        Assert.Equal(after.NudgeCount, (await Tracking.GetAsync(key))!.NudgeCount);
    }

    [Fact]
    public async Task Nudge_OwnerWhoNeverInstalled_SaysSoAndRecordsNothing()
    {
        var card = CardOf(Assert.Single(await Ian.SayAsync("what's overdue in Chesterfield")));
        var others = Buttons(card, CardVerbs.Nudge).Where(b => !IsOwnedBy(b, Dan.Person)).ToList();
        Assert.NotEmpty(others);
        var nudge = others[0];
        var key = new ItemKey(AreaId.Parse(nudge["data"]!["area"]!.GetValue<string>()), new(nudge["data"]!["item"]!.GetValue<string>()));
        var before = (await Tracking.GetAsync(key))!;

        var result = await Ian.PressAsync(nudge);

        Assert.Contains("hasn't installed QaBot in Teams yet", Text(result.Card), StringComparison.Ordinal);
        Assert.Empty(result.Sent);
        Assert.Equal(before.Version, (await Tracking.GetAsync(key))!.Version);
    }

    [Fact]
    public async Task Nudge_ItemOutsideTheirArea_RefusedExactlyAsAnItemThatDoesNotExist()
    {
        var rachel = As(DemoCouncil.KeyPeople.DirectorEarlyHelp, "Rachel Okafor");
        var card = CardOf(Assert.Single(await rachel.SayAsync("what's overdue in my area")));
        var nudge = Buttons(card, CardVerbs.Nudge).First(b => !b["data"]!["area"]!.GetValue<string>().Contains("team-1", StringComparison.Ordinal)
            || !b["data"]!["area"]!.GetValue<string>().Contains("chesterfield", StringComparison.Ordinal));

        var madeUp = (JsonObject)nudge["data"]!.DeepClone();
        madeUp["item"] = "team-manager-supervision.2026-11.no-such-person";

        var result = await Dan.PressAsync(nudge);
        var missing = await Dan.PressAsync(CardVerbs.Nudge, madeUp);

        Assert.Equal(404, result.StatusCode);
        Assert.Equal("ItemNotFound", result.ErrorCode);
        Assert.Equal(missing.Body.ToJsonString(), result.Body.ToJsonString());
        Assert.Empty(result.Sent);
    }

    [Fact]
    public async Task LogActivity_DutyWithNoRhythm_RecordedWithAuditOnce()
    {
        var card = CardOf(Assert.Single(await Dan.SayAsync("log activity")));
        var log = Assert.Single(Buttons(card, CardVerbs.LogActivity));
        Assert.Contains("team-manager-performance-monitoring", card.ToJsonString(), StringComparison.Ordinal);

        var first = await Dan.PressAsync(log, ("logDuty", "team-manager-performance-monitoring"), ("logOn", "2026-11-18"), ("logNote", "Dashboard review"));
        var second = await Dan.PressAsync(log, ("logDuty", "team-manager-performance-monitoring"), ("logOn", "2026-11-18"), ("logNote", "Dashboard review"));

        Assert.Contains("Logged.", Text(first.Card), StringComparison.Ordinal);
        Assert.Contains("Already logged", Text(second.Card), StringComparison.Ordinal);
        var dan = await PersonAsync(Dan.Person);
        var id = global::QaBot.Application.Tracking.LogActivity.LoggedItemId(
            TeamsActivityCardId, new("team-manager-performance-monitoring"), new DateOnly(2026, 11, 18), "Dashboard review", dan.Id);
        var logged = await Tracking.GetAsync(new ItemKey(dan.HomeArea, id));
        Assert.NotNull(logged);
        Assert.Equal(ItemStatus.Done, logged.Status);
        Assert.Equal(new DateOnly(2026, 11, 18), logged.CompletedOn);
        Assert.Equal(["created", "done"], (await Tracking.GetAuditTrailAsync(logged.Key)).Select(a => a.Action));
    }

    [Fact]
    public async Task RecordLeave_ManagerForSomeoneTheyManage_RecordedWithTheCoverAndListedOnTheCard()
    {
        var card = CardOf(Assert.Single(await Dan.SayAsync("record leave")));
        Assert.Contains("Record leave", Text(card), StringComparison.Ordinal);
        CardAssert.PassesOfficialParser(card.ToJsonString(), "record leave");
        var record = Assert.Single(Buttons(card, CardVerbs.RecordLeave));

        var result = await Dan.PressAsync(record, ("leaveWho", Priya.Person.Value), ("leaveFrom", "2027-03-01"), ("leaveTo", "2027-03-05"), ("leaveCover", Dan.Person.Value));

        var text = Text(result.Card);
        Assert.Contains("Recorded: away Mon 1 Mar 2027 to Fri 5 Mar 2027. The cover holds their items", text, StringComparison.Ordinal);
        Assert.Contains("Priya Nolan: Mon 1 Mar 2027 to Fri 5 Mar 2027, covered by Dan Mercer", text, StringComparison.Ordinal);
        var leave = Assert.Single(await Directory.GetAbsencesAsync(Priya.Person));
        Assert.Equal(((PersonId?)Dan.Person, Actor.Person(Dan.Person)), (leave.Cover, leave.RecordedBy));
        Assert.Contains(await Directory.GetAuditTrailAsync(Priya.Person), e => e.Action == "leave-recorded" && e.Actor == Actor.Person(Dan.Person));
    }

    [Fact]
    public async Task RecordLeave_ForSomeoneTheyDoNotManage_RefusedAndNothingRecorded()
    {
        var card = CardOf(Assert.Single(await Priya.SayAsync("I'm on annual leave next month")));
        var record = Assert.Single(Buttons(card, CardVerbs.RecordLeave));

        var result = await Priya.PressAsync(record, ("leaveWho", Ian.Person.Value), ("leaveFrom", "2027-04-05"), ("leaveTo", "2027-04-09"));

        Assert.Contains("You can record leave for yourself or for someone you manage. Nothing was recorded.", Text(result.Card), StringComparison.Ordinal);
        Assert.Empty(await Directory.GetAbsencesAsync(Ian.Person));
    }

    [Fact]
    public async Task LogActivity_DutyNotTheirs_RefusedAsTampered()
    {
        var card = CardOf(Assert.Single(await Priya.SayAsync("log activity")));
        var log = Assert.Single(Buttons(card, CardVerbs.LogActivity));

        var result = await Priya.PressAsync(log, ("logDuty", "team-manager-performance-monitoring"), ("logOn", "2026-11-18"));

        Assert.Equal(400, result.StatusCode);
        Assert.Equal("BadActionData", result.ErrorCode);
    }

    [Fact]
    public async Task DueThisWeek_SocialWorker_ItemsDueMondayToSunday()
    {
        var card = CardOf(Assert.Single(await Priya.SayAsync("due this week")));

        Assert.Contains("Due this week: Mon 16 Nov 2026 to Sun 22 Nov 2026", Text(card), StringComparison.Ordinal);
        CardAssert.PassesOfficialParser(card.ToJsonString(), "due this week");
    }

    /// <summary>What each command in the Teams app's menu must answer with: the heading of its card.</summary>
    private static readonly Dictionary<string, string> CommandHeadings = new(StringComparer.Ordinal)
    {
        ["my tasks"] = "What's due for you",
        ["what's overdue in my area"] = "Overdue in Team 1",
        ["due this week"] = "Due this week: Mon 16 Nov 2026 to Sun 22 Nov 2026",
        ["how are we doing"] = "On time in Team 1",
        ["how did we do last month"] = "On time in Team 1",
        ["what's overdue"] = "Overdue in Team 1",
        ["log activity"] = "Log an activity",
        ["help"] = "What I can do",
    };

    [Theory]
    [MemberData(nameof(TeamsAppManifest.CommandTitles), MemberType = typeof(TeamsAppManifest))]
    public async Task Message_EveryCommandInTheManifest_ItsOwnCardNotTheFallback(string command)
    {
        Assert.True(CommandHeadings.TryGetValue(command, out var heading), $"The manifest's command \"{command}\" has no expected answer in this test: add one.");

        var card = CardOf(Assert.Single(await Dan.SayAsync(command)));

        var text = Text(card);
        Assert.Contains(heading, text, StringComparison.Ordinal);
        Assert.DoesNotContain("didn't understand", text, StringComparison.Ordinal);
        CardAssert.PassesOfficialParser(card.ToJsonString(), $"answer to \"{command}\"");
    }

    [Theory]
    [InlineData("My Tasks", "What's due for you")]
    [InlineData("what\u2019s due?", "What's due for you")]
    [InlineData("  WHAT'S OVERDUE IN MY AREA?? ", "Overdue in Team 1")]
    [InlineData("whats overdue for my team please", "Overdue in Team 1")]
    [InlineData("What's due this week", "Due this week:")]
    [InlineData("Log an activity", "Log an activity")]
    [InlineData("hello", "What I can do")]
    public async Task Message_ForgivingVariants_SameAnswerAsTheCommand(string typed, string heading)
    {
        var card = CardOf(Assert.Single(await Dan.SayAsync(typed)));

        Assert.Contains(heading, Text(card), StringComparison.Ordinal);
        Assert.DoesNotContain("didn't understand", Text(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_NotUnderstood_HelpWithWhatWasTyped()
    {
        var card = CardOf(Assert.Single(await Dan.SayAsync("make me a cup of tea")));

        Assert.Contains("Sorry, I didn't understand \\\"make me a cup of tea\\\"", Text(card), StringComparison.Ordinal);
    }

    private async Task<PersonId> FirstWithDueItemsAsync(int skip)
    {
        // Team managers in the demo council's Early Help division (their supervisions are due), each test taking a different one.
        var people = await Directory.GetPeopleInAreaAsync(AreaId.Parse("childrens-services.early-help-and-safeguarding"));
        var found = new List<PersonId>();
        foreach (var person in people.Where(p => p.Id != Priya.Person && p.Id != Dan.Person).OrderBy(p => p.Id.Value, StringComparer.Ordinal))
        {
            if ((await DueItemsAsync(person.Id)).Count >= 2)
            {
                found.Add(person.Id);
            }
        }

        return found[skip];
    }
}
