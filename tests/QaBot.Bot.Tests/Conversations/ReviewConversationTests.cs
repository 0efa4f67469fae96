using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Assurance;
using QaBot.Application.Organisation;
using QaBot.Application.Tracking;
using QaBot.Conversations.Actions;
using QaBot.Conversations.Assurance;
using QaBot.Core.Framework;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Demo;
using QaBot.Testing.Cards;
using static QaBot.Bot.Tests.Conversations.CardJson;

namespace QaBot.Bot.Tests.Conversations;

/// <summary>
/// A team manager of the demo council (Dan Mercer) records a reflective case review of Priya Nolan's work from his
/// review item, through the real endpoint and storage (Friday 20 November 2026).
/// </summary>
[Trait("Category", "Storage")]
public sealed class ReviewConversationTests(DemoCouncilFixture council) : IClassFixture<DemoCouncilFixture>
{
    private ITrackingStore Tracking => council.Services.GetRequiredService<ITrackingStore>();

    private IDirectoryStore Directory => council.Services.GetRequiredService<IDirectoryStore>();

    private IReviewStore Reviews => council.Services.GetRequiredService<IReviewStore>();

    private ChatUser Dan => new(council.Host, DemoCouncil.KeyPeople.TeamManagerChesterfield, "Dan Mercer");

    private ChatUser Priya => new(council.Host, DemoCouncil.KeyPeople.SocialWorkerChesterfield, "Priya Nolan");

    internal static (string, string)[] Form(string development, string? secondOwner) =>
    [
        (ReviewCardBuilder.CaseInput, "102938"),
        (ReviewCardBuilder.PractitionerInput, DemoCouncil.KeyPeople.SocialWorkerChesterfield.Value),
        (ReviewCardBuilder.PartsInput, "file,conversation,feedback"),
        (ReviewCardBuilder.GistInput, "Mum said the worker listened and explained the plan."),
        (ReviewCardBuilder.JudgementInput, "Good"),
        (ReviewCardBuilder.StrengthsInput, "The child's voice is clear throughout the assessment."),
        (ReviewCardBuilder.DevelopmentInput, development),
        (ReviewCardBuilder.ThemesInput, "Voice of the child,Recording"),
        (ReviewCardBuilder.HeldOnInput, "2026-11-19"),
        (ReviewCardBuilder.ActionInput(1), "Update the chronology"),
        (ReviewCardBuilder.OwnerInput(1), DemoCouncil.KeyPeople.SocialWorkerChesterfield.Value),
        (ReviewCardBuilder.DueInput(1), "2026-12-04"),
        (ReviewCardBuilder.ActionInput(2), "Review the plan in supervision"),
        (ReviewCardBuilder.OwnerInput(2), secondOwner ?? string.Empty),
        (ReviewCardBuilder.DueInput(2), "2026-12-11"),
    ];

    private async Task<TrackedItem> ReviewItemAsync()
    {
        var dan = (await Directory.GetPersonAsync(Dan.Person))!;
        var occurrence = new Occurrence(
            new OccurrenceId("team-manager-reflective-case-review.test." + Guid.NewGuid().ToString("N")), new DutyId("team-manager-reflective-case-review"),
            dan.Id, DemoCouncilFixture.AsOf.AddDays(5), DemoCouncilFixture.AsOf.AddDays(-30), DemoCouncilFixture.AsOf.AddDays(5), [], null, false);
        var item = TrackedItem.FromOccurrence(occurrence, dan.HomeArea, DemoCouncilFixture.Now, Actor.System("test"));
        Assert.Equal(1, await Tracking.AddIfAbsentAsync([NewItem.Of(item)], new AuditOrigin("test", null)));
        return item;
    }

    internal static JsonObject DoneData(TrackedItem item) => new()
    {
        [ActionData.ViewKey] = "digest", [ActionData.ItemKey] = item.Id.Value, [ActionData.AreaKey] = item.Area.Value, [ActionData.VersionKey] = item.Version, [ActionData.SlotKey] = 0,
    };

    [Fact]
    public async Task Review_DoneOpensTheFormThenRefusedRecordedRepeatedAndScoped()
    {
        await Priya.InstallAsync();
        var item = await ReviewItemAsync();

        var opened = await Dan.PressAsync(CardVerbs.Done, DoneData(item));
        var submit = Assert.Single(Buttons(opened.Card, CardVerbs.ReviewSubmit));
        Assert.Contains(ReviewCardBuilder.FormTitle, Text(opened.Card), StringComparison.Ordinal);
        Assert.Contains("Priya Nolan", Text(opened.Card), StringComparison.Ordinal);
        CardAssert.PassesOfficialParser(opened.Card.ToJsonString(), "review form");
        Assert.Equal(ItemStatus.Open, (await Tracking.GetAsync(item.Key))!.Status);

        // A date of birth in a note: refused naming the field, the form kept, nothing written.
        var refused = await Dan.PressAsync(submit, Form("Chronology omits DOB 03/04/2019.", Dan.Person.Value));
        Assert.Contains("Nothing was recorded. Areas for development: This looks like a date of birth.", Text(refused.Card), StringComparison.Ordinal);
        Assert.Contains("Update the chronology", Text(refused.Card), StringComparison.Ordinal);
        CardAssert.PassesOfficialParser(refused.Card.ToJsonString(), "review form refused");
        Assert.Null(await Reviews.GetAsync(item.Id));
        Assert.Equal((ItemStatus.Open, 1), ((await Tracking.GetAsync(item.Key))!.Status, (await Tracking.GetAsync(item.Key))!.Version));

        // The whole form: recorded, two actions as items, the review item done, Priya told.
        var recorded = await Dan.PressAsync(submit, Form("The chronology is out of date.", Dan.Person.Value));
        Assert.Contains("Recorded, and the review item marked done. I've sent Priya Nolan the learning.", Text(recorded.Card), StringComparison.Ordinal);
        CardAssert.PassesOfficialParser(recorded.Card.ToJsonString(), "review recorded");
        var toPriya = Assert.Single(recorded.Sent, r => r.Uri.AbsolutePath.Contains(Priya.ConversationId, StringComparison.Ordinal) || r.Uri.AbsolutePath.Contains(Uri.EscapeDataString(Priya.ConversationId), StringComparison.Ordinal));
        var learning = CardOf(JsonNode.Parse(toPriya.Body)!.AsObject());
        Assert.Contains("The child's voice is clear", Text(learning), StringComparison.Ordinal);
        Assert.Contains("1. Update the chronology: Priya Nolan, due Fri 4 Dec 2026", Text(learning), StringComparison.Ordinal);
        CardAssert.PassesOfficialParser(learning.ToJsonString(), "review learning");

        var review = (await Reviews.GetAsync(item.Id))!;
        Assert.Equal(2, review.Actions.Count);
        Assert.Equal(ItemStatus.Done, (await Tracking.GetAsync(item.Key))!.Status);
        var priya = (await Directory.GetPersonAsync(Priya.Person))!;
        var action = Assert.Single(await Tracking.GetOpenItemsAsync(priya), i => i.Id == review.Actions[0].ItemId);
        Assert.NotEmpty(action.RemindAt);
        var rules = council.Services.GetRequiredService<ScheduleRules>();
        var overdueLater = await Tracking.GetOutstandingAsync(priya.HomeArea, rules.OverdueDueBefore(new DateOnly(2027, 1, 4)));
        Assert.Contains(overdueLater, i => i.Id == action.Id);

        // Priya's "my tasks" names the action in its own words.
        var priyaTasks = Text(CardOf(Assert.Single(await Priya.SayAsync("my tasks"))));
        Assert.Contains("Action from a reflective case review: Update the chronology", priyaTasks, StringComparison.Ordinal);

        // The same form again: nothing changes.
        var again = await Dan.PressAsync(submit, Form("The chronology is out of date.", Dan.Person.Value));
        Assert.Contains("Already recorded, nothing changed.", Text(again.Card), StringComparison.Ordinal);
        Assert.Single(await Reviews.GetAuditTrailAsync(item.Id));
        Assert.DoesNotContain(again.Sent, r => r.Uri.AbsolutePath.Contains(Uri.EscapeDataString(Priya.ConversationId), StringComparison.Ordinal) || r.Uri.AbsolutePath.Contains(Priya.ConversationId, StringComparison.Ordinal));

        // Read access on the server: Dan and his line, not a manager of another team.
        var query = council.Services.GetRequiredService<ReviewQuery>();
        var dan = (await Directory.GetPersonAsync(Dan.Person))!;
        var ian = (await Directory.GetPersonAsync(DemoCouncil.KeyPeople.HeadOfServiceNorth))!;
        var snapshot = await Directory.GetSnapshotAsync();
        var otherManager = snapshot.People.Select(p => p.Value).First(p => p.Active && p.Id != dan.Id && p.HomeArea != dan.HomeArea && p.CurrentRoles.Any(r => r.Role.Value == "team-manager"));
        Assert.NotNull(await query.GetAsync(dan, item.Id, DemoCouncilFixture.Now, CancellationToken.None));
        Assert.NotNull(await query.GetAsync(ian, item.Id, DemoCouncilFixture.Now, CancellationToken.None));
        Assert.Null(await query.GetAsync(otherManager, item.Id, DemoCouncilFixture.Now, CancellationToken.None));
        Assert.Null(await query.GetAsync(priya, item.Id, DemoCouncilFixture.Now, CancellationToken.None));

        // The QA view in chat: Ian, in Dan's line, sees the review counted; a manager of another team sees none.
        var summary = CardOf(Assert.Single(await new ChatUser(council.Host, ian.Id, ian.DisplayName).SayAsync("themes this quarter")));
        CardAssert.PassesOfficialParser(summary.ToJsonString(), "review summary");
        var summaryText = Text(summary);
        Assert.Contains("Reflective case reviews this quarter", summaryText, StringComparison.Ordinal);
        Assert.Contains("1 review held", summaryText, StringComparison.Ordinal);
        Assert.Contains("Voice of the child", summaryText, StringComparison.Ordinal);
        Assert.Contains("2 actions raised · 0 done · 2 still open, 0 of them overdue", summaryText, StringComparison.Ordinal);
        Assert.DoesNotContain("102938", summaryText, StringComparison.Ordinal);
        Assert.DoesNotContain("Priya", summaryText, StringComparison.Ordinal);
        var otherSummary = CardOf(Assert.Single(await new ChatUser(council.Host, otherManager.Id, otherManager.DisplayName).SayAsync("themes this quarter")));
        Assert.Contains("No reflective case reviews you may read were recorded this quarter.", Text(otherSummary), StringComparison.Ordinal);
    }
}
