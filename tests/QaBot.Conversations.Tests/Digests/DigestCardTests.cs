using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using QaBot.Conversations.Actions;
using QaBot.Conversations.Cards;
using QaBot.Conversations.Digests;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Reminders;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Testing.Cards;
using QaBot.Testing.Scheduling;

namespace QaBot.Conversations.Tests.Digests;

public sealed class DigestCardTests
{
    public static readonly DateOnly AsOf = new(2026, 11, 27);
    public static readonly AreaId Team = AreaId.Parse("childrens-services.early-help-and-safeguarding.locality-chesterfield.team-1");
    public static readonly PersonId Manager = new("d0000000-0000-4000-8000-000000000004");
    public const string LongName = "Anastasia-Wilhelmina Featherstonehaugh-Cholmondeley-Marjoribanks";

    public static ItemPresenter Presenter { get; } = new(ShippedFramework.Catalogue, ShippedFramework.Composer);

    public static DigestCardBuilder Builder { get; } = new(Presenter);

    public static TrackedItem Item(int n, string duty, DateOnly due, PersonId? owner = null, PersonId? concerns = null, bool provisional = false)
    {
        var who = owner ?? Manager;
        var id = OccurrenceId.For(new DutyId(duty), $"2026-{n:D3}", who, concerns);
        return TrackedItem.FromOccurrence(
            new Occurrence(id, new DutyId(duty), who, due, due.AddDays(-30), due, [], concerns, provisional),
            Team,
            new DateTimeOffset(2026, 9, 1, 6, 0, 0, TimeSpan.Zero),
            Actor.System("scheduler"));
    }

    public static PersonId Person(int n) => new($"a0000000-0000-4000-8000-{n:D12}");

    /// <summary>A team manager's digest with <paramref name="count"/> overdue supervisions, long supervisee names and some team escalations.</summary>
    public static Digest Large(int count, int escalated = 0)
    {
        var own = Enumerable.Range(0, count)
            .Select(i => new DigestItem(Item(i, "team-manager-supervision", AsOf.AddDays(-40 + i), concerns: Person(i)), "Dan Mercer", $"{LongName} {i}", 0))
            .ToList();
        var team = Enumerable.Range(0, escalated)
            .Select(i => new DigestItem(Item(100 + i, "staff-supervision-participation", AsOf.AddDays(-20), owner: Person(50 + i)), $"{LongName} {i}", null, 1 + (i % 2)))
            .ToList();
        return new Digest(Manager, "Dan Mercer", AsOf, own, team, "run-1");
    }

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonObject Json(AdaptiveCard card) => JsonNode.Parse(card.ToJson())!.AsObject();

    /// <summary>The card's JSON with characters such as '·' and apostrophes unescaped, to search for text.</summary>
    public static string Readably(string json) => JsonNode.Parse(json)!.ToJsonString(Readable);

    private static List<JsonObject> ExecuteActions(JsonNode node)
    {
        var found = new List<JsonObject>();
        void Walk(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    if (o["type"]?.GetValue<string>() == "Action.Execute")
                    {
                        found.Add(o);
                    }

                    foreach (var (_, child) in o)
                    {
                        Walk(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Walk(child);
                    }

                    break;
            }
        }

        Walk(node);
        return found;
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void Build_NewlyQualifiedWorkersSupervisions_ReadAsFirstAndPlannedNotMonthly()
    {
        TrackedItem Planned(string period, DateOnly due)
        {
            var id = OccurrenceId.For(new DutyId("team-manager-supervision"), period, Manager, Person(8));
            return TrackedItem.FromOccurrence(
                new Occurrence(id, new DutyId("team-manager-supervision"), Manager, due, due.AddDays(-6), due, [], Person(8), false),
                Team,
                new DateTimeOffset(2026, 11, 2, 6, 0, 0, TimeSpan.Zero),
                Actor.System("scheduler"));
        }

        var digest = new Digest(
            Manager,
            "Dan Mercer",
            AsOf,
            [
                new DigestItem(Planned("first-2026-11-16", new DateOnly(2026, 11, 23)), "Dan Mercer", "Anna Dale", 0),
                new DigestItem(Planned("wk-2026-11-30", new DateOnly(2026, 11, 30)), "Dan Mercer", "Anna Dale", 0),
            ],
            [],
            null);

        var json = Readably(Builder.Build(digest).ToJson());

        Assert.Contains("First supervision for Anna Dale", json, StringComparison.Ordinal);
        Assert.Contains("\"Supervision for Anna Dale\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Monthly supervision", json, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Process")]
    public void Build_OneOverdueSupervision_ReadsInTheCouncilsWords()
    {
        var item = Item(1, "team-manager-supervision", new DateOnly(2026, 8, 28), concerns: Person(7));
        var digest = new Digest(Manager, "Dan Mercer", AsOf, [new DigestItem(item, "Dan Mercer", "Priya Nolan", 0)], [], null);

        var json = Readably(Builder.Build(digest).ToJson());

        Assert.Contains("Monthly supervision for Priya Nolan", json, StringComparison.Ordinal);
        Assert.Contains("Overdue: was due Fri 28 Aug 2026", json, StringComparison.Ordinal);
        Assert.Contains("Monitor performance, develop practice and improve service delivery", json, StringComparison.Ordinal);
        Assert.Contains("Fri 27 Nov 2026 · 1 overdue", json, StringComparison.Ordinal);
        CardAssert.PassesOfficialParser(json, "one overdue supervision");
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void Build_OneItem_DoneRescheduleNotApplicableCarryTheItemAndVersion()
    {
        var item = Item(1, "team-manager-reflective-case-review", new DateOnly(2026, 11, 30));
        var digest = new Digest(Manager, "Dan Mercer", AsOf, [new DigestItem(item, "Dan Mercer", null, 0)], [], null);

        var card = Json(Builder.Build(digest));

        var actions = ExecuteActions(card);
        Assert.Equal([CardVerbs.Done, CardVerbs.Reschedule, CardVerbs.NotApplicable], actions.Select(a => a["verb"]!.GetValue<string>()));
        foreach (var action in actions)
        {
            var data = action["data"]!.AsObject();
            Assert.Equal(item.Id.Value, data["item"]!.GetValue<string>());
            Assert.Equal(Team.Value, data["area"]!.GetValue<string>());
            Assert.Equal(1, data["v"]!.GetValue<int>());
            Assert.Equal(0, data["n"]!.GetValue<int>());
            Assert.Equal("digest", data["view"]!.GetValue<string>());
        }

        var text = card.ToJsonString(Readable);
        Assert.Contains("\"id\":\"doneOn0\",\"value\":\"2026-11-27\"", text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Due Mon 30 Nov 2026", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Overdue", text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void Build_RescheduleForm_SaysWhenTheLineManagerMustApprove()
    {
        var item = Item(1, "team-manager-reflective-case-review", new DateOnly(2026, 11, 30));
        var digest = new Digest(Manager, "Dan Mercer", AsOf, [new DigestItem(item, "Dan Mercer", null, 0)], [], null);

        var text = Builder.Build(digest).ToJson();

        // Ten working days after Monday 30 November; a later date goes to the line manager, so the picker allows it.
        Assert.DoesNotContain("\"max\":", text, StringComparison.Ordinal);
        Assert.Contains("New date (a working day; a date after Mon 14 Dec 2026 needs approval)", text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void Build_StatutoryItem_CannotBeMovedPastItsDeadline()
    {
        var item = Item(1, "iro-quality-assure-planning", new DateOnly(2026, 12, 3));

        Assert.Equal(new DateOnly(2026, 12, 3), Presenter.LatestRescheduleDate(item));
        Assert.Equal(new DateOnly(2026, 12, 3), item.StatutoryDeadline(ShippedFramework.Catalogue));
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void Build_ProvisionalItem_Marked()
    {
        var item = Item(1, "director-sl-chair-cme-line-of-sight", new DateOnly(2026, 12, 11), provisional: true);
        var digest = new Digest(Manager, "Tom Hadley", AsOf, [new DigestItem(item, "Tom Hadley", null, 0)], [], null);

        Assert.Contains("Provisional date", Builder.Build(digest).ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void Build_ManagerWithTeamEscalations_SectionsAndNudges()
    {
        var digest = Large(2, escalated: 3);

        var card = Json(Builder.Build(digest));
        var text = card.ToJsonString(Readable);

        Assert.Contains("3 items in your team are overdue", text, StringComparison.Ordinal);
        Assert.Contains("Escalated to you as their line manager.", text, StringComparison.Ordinal);
        Assert.Contains("Escalated to you as the next level up", text, StringComparison.Ordinal);
        Assert.Equal(3, ExecuteActions(card).Count(a => a["verb"]!.GetValue<string>() == CardVerbs.Nudge));
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void Build_EmptyDigest_SaysNothingIsDue()
    {
        var digest = new Digest(Manager, "Dan Mercer", AsOf, [], [], null);

        var json = Readably(Builder.Build(digest).ToJson());

        Assert.Contains(DigestCardBuilder.DefaultEmptyText, json, StringComparison.Ordinal);
        Assert.Empty(ExecuteActions(JsonNode.Parse(json)!));
    }

    [Fact]
    [Trait("Category", "Process")]
    public void Build_UpcomingItems_ListedSoonestFirstWithoutButtonsAfterWhatIsDue()
    {
        var due = new DigestItem(Item(1, "team-manager-supervision", AsOf.AddDays(3), concerns: Person(7)), "Dan Mercer", "Priya Nolan", 0);
        var upcoming = Enumerable.Range(0, 10)
            .Select(i => new DigestItem(Item(10 + i, "team-manager-supervision", new DateOnly(2026, 12, 7).AddDays(i), concerns: Person(20 + i)), "Dan Mercer", $"Worker {i}", 0))
            .ToList();
        var digest = new Digest(Manager, "Dan Mercer", AsOf, [due], [], null) { Upcoming = upcoming };

        var card = Builder.Build(digest);
        var json = Readably(card.ToJson());

        Assert.Contains("Fri 27 Nov 2026 · 1 due soon · 10 coming up", json, StringComparison.Ordinal);
        var heading = json.IndexOf(DigestCardBuilder.UpcomingHeading, StringComparison.Ordinal);
        Assert.True(heading > json.IndexOf("Monthly supervision for Priya Nolan", StringComparison.Ordinal));
        Assert.True(json.IndexOf("Mon 7 Dec 2026: Monthly supervision for Worker 0", StringComparison.Ordinal) > heading);
        Assert.True(json.IndexOf("Tue 8 Dec 2026: Monthly supervision for Worker 1", StringComparison.Ordinal) > json.IndexOf("Worker 0", StringComparison.Ordinal));
        Assert.DoesNotContain("Worker 8", json, StringComparison.Ordinal);
        Assert.Contains("and 2 more items. I'll remind you of each as it comes due.", json, StringComparison.Ordinal);
        var itemsWithButtons = ExecuteActions(JsonNode.Parse(json)!).Select(a => a["data"]?["item"]?.GetValue<string>()).OfType<string>().Distinct();
        Assert.Equal([due.Item.Id.Value], itemsWithButtons);
        CardAssert.PassesOfficialParser(json, "digest with upcoming items");
    }

    [Fact]
    [Trait("Category", "Process")]
    public void Build_ManagerWhoseTeamSetItemsAside_ListsRepeatedUseFirstWithTheReasonsInTheCouncilsWords()
    {
        var due = new DigestItem(Item(1, "team-manager-supervision", AsOf.AddDays(3), concerns: Person(7)), "Dan Mercer", "Priya Nolan", 0);
        var setAside = new[]
        {
            new SetAsideUse(Person(7), "Priya Nolan", new DutyId("staff-supervision-participation"), 3, [("leave", 2), ("other", 1)], new DateOnly(2026, 11, 20), true),
            new SetAsideUse(Person(8), "Sam Patel", new DutyId("staff-supervision-participation"), 1, [("vacant", 1)], new DateOnly(2026, 9, 30), false),
        };
        var digest = new Digest(Manager, "Dan Mercer", AsOf, [due], [], null) { SetAside = setAside, SetAsideFrom = new DateOnly(2026, 5, 27) };

        var json = Readably(Builder.Build(digest).ToJson());

        var heading = json.IndexOf("Set aside as not applicable in your team since Wed 27 May 2026", StringComparison.Ordinal);
        Assert.True(heading > json.IndexOf("Monthly supervision for Priya Nolan", StringComparison.Ordinal));
        Assert.Contains("4 items; 1 duty set aside repeatedly by the same person, worth a word in supervision.", json, StringComparison.Ordinal);
        var repeated = json.IndexOf("**Repeated:** Priya Nolan, ", StringComparison.Ordinal);
        Assert.True(repeated > heading);
        Assert.Contains(": 3 times, latest due Fri 20 Nov 2026. Reasons: On leave or absent (2), Other (say why).", json, StringComparison.Ordinal);
        Assert.True(json.IndexOf("Sam Patel, ", StringComparison.Ordinal) > repeated);
        Assert.Contains(": once, due Wed 30 Sep 2026. Reason: Post or caseload vacant.", json, StringComparison.Ordinal);
        Assert.Equal([due.Item.Id.Value], ExecuteActions(JsonNode.Parse(json)!).Select(a => a["data"]?["item"]?.GetValue<string>()).OfType<string>().Distinct());
        CardAssert.PassesOfficialParser(json, "digest with set-aside items");
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void Build_ProgrammesShortOfTarget_OwnWithHowToAdd_ThenThoseOfTheTeam()
    {
        var due = new DigestItem(Item(1, "team-manager-supervision", AsOf.AddDays(3), concerns: Person(7)), "Dan Mercer", "Priya Nolan", 0);
        var visits = ShippedFramework.Catalogue.FindDuty(new DutyId("service-director-front-line-visits"))!;
        var meetings = ShippedFramework.Catalogue.FindDuty(new DutyId("service-director-performance-scrutiny"))!;
        var digest = new Digest(Manager, "Dan Mercer", AsOf, [due], [], null)
        {
            ProgrammesShort = [new(Manager, "Dan Mercer", visits, 2027, 1, 4), new(Person(7), "Priya Nolan", meetings, 2027, 0, 4)],
        };

        var json = Readably(Builder.Build(digest).ToJson());

        var heading = json.IndexOf("Programmes of visits and meetings to plan", StringComparison.Ordinal);
        Assert.True(heading > json.IndexOf("Monthly supervision for Priya Nolan", StringComparison.Ordinal));
        var own = json.IndexOf("You have planned 1 of the 4 visits in your programme for 2027: say \\\"my programme\\\" to add the rest.", StringComparison.Ordinal);
        Assert.True(own > heading, json);
        Assert.True(json.IndexOf("Priya Nolan has planned 0 of the 4 meetings in their programme for 2027.", StringComparison.Ordinal) > own);
        CardAssert.PassesOfficialParser(json, "digest with programmes short of target");
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void Build_NoSetAsideUse_HasNoSuchSection() =>
        Assert.DoesNotContain("Set aside as not applicable", Readably(Builder.Build(Large(2)).ToJson()), StringComparison.Ordinal);

    [Fact]
    public void Build_ElectedMembersItemForMemberSupport_HasNoNudgeAndSaysWhy()
    {
        var staff = new DigestItem(Item(1, "staff-supervision-participation", AsOf.AddDays(-20), owner: Person(50)), "Priya Nolan", null, 1);
        var member = new DigestItem(Item(2, "member-qa-participation", AsOf.AddDays(-20), owner: Person(51)), "Cllr Ann Hughes", null, 1) { OwnerIsMember = true };
        var digest = new Digest(Manager, "Dan Mercer", AsOf, [], [staff, member], null);

        var json = Readably(Builder.Build(digest).ToJson());

        var nudged = ExecuteActions(JsonNode.Parse(json)!).Where(a => a["verb"]?.GetValue<string>() == CardVerbs.Nudge).Select(a => a["data"]?["item"]?.GetValue<string>());
        Assert.Equal([staff.Item.Id.Value], nudged);
        Assert.Contains("An elected member's item, sent to you as member support. Members are not staff: there is no Nudge", json, StringComparison.Ordinal);
        CardAssert.PassesOfficialParser(json, "digest with an elected member's item");
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void Build_NothingDueButSomethingComingUp_SaysSoAndListsIt()
    {
        var upcoming = new DigestItem(Item(1, "team-manager-supervision", new DateOnly(2026, 12, 18), concerns: Person(7)), "Dan Mercer", "Priya Nolan", 0);
        var digest = new Digest(Manager, "Dan Mercer", AsOf, [], [], null) { Upcoming = [upcoming] };

        var json = Readably(Builder.Build(digest).ToJson());

        Assert.Contains(DigestCardBuilder.DefaultEmptyText, json, StringComparison.Ordinal);
        Assert.Contains("Fri 18 Dec 2026: Monthly supervision for Priya Nolan", json, StringComparison.Ordinal);
        Assert.Empty(ExecuteActions(JsonNode.Parse(json)!));
    }

    [Fact]
    [Trait("Category", "Process")]
    public void Build_ThirtyOverdueItems_PagesAndEveryPageFits()
    {
        var digest = Large(30, escalated: 5);
        var cards = new List<(string, string)>();

        for (var page = 0; page < 10; page++)
        {
            var json = Builder.Build(digest, new DigestCardOptions { View = ViewState.Digest.WithPage(page) }).ToJson();
            Assert.True(CardSize.Fits(json), $"page {page} is {CardSize.BytesOf(json)} bytes");
            cards.Add(($"page {page}", json));
        }

        Assert.Contains("Show more", cards[0].Item2, StringComparison.Ordinal);
        Assert.Contains("Showing 1 to", cards[0].Item2, StringComparison.Ordinal);
        Assert.Contains("of 35.", cards[0].Item2, StringComparison.Ordinal);
        Assert.Contains("Back to the start", cards[^1].Item2, StringComparison.Ordinal);
        Assert.DoesNotContain("Show more", cards[^1].Item2, StringComparison.Ordinal);
        CardAssert.AllPassOfficialParser(cards);
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void Build_EveryItemOnEveryPage_ShownExactlyOnce()
    {
        var digest = Large(30, escalated: 5);
        var seen = new List<string>();

        for (var page = 0; ; page++)
        {
            var card = Json(Builder.Build(digest, new DigestCardOptions { View = ViewState.Digest.WithPage(page) }));
            seen.AddRange(ExecuteActions(card)
                .Where(a => a["verb"]!.GetValue<string>() is CardVerbs.Done or CardVerbs.Nudge)
                .Select(a => a["data"]!["item"]!.GetValue<string>()));
            if (!card.ToJsonString().Contains("Show more", StringComparison.Ordinal))
            {
                break;
            }
        }

        Assert.Equal(35, seen.Count);
        Assert.Equal(35, seen.Distinct().Count());
    }

    [Fact]
    [Trait("Category", "Process")]
    public void Render_Digest_CardWithASummary()
    {
        var renderer = new DigestCardRenderer(Builder);

        var message = renderer.Render(Large(2, escalated: 1));

        Assert.Equal("QaBot: 2 overdue, 1 item overdue in your team.", message.Text);
        Assert.NotNull(message.CardJson);
        CardAssert.PassesOfficialParser(message.CardJson, "rendered digest");
    }
}
