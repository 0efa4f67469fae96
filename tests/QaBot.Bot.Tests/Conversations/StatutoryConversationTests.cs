using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Cases;
using QaBot.Application.Organisation;
using QaBot.Application.Tracking;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Scheduling.Statutory;

namespace QaBot.Bot.Tests.Conversations;

/// <summary>IROs recording case events in chat, over the seeded demo council (Friday 20 November 2026).</summary>
[Trait("Category", "Storage")]
public sealed class StatutoryConversationTests(DemoCouncilFixture council) : IClassFixture<DemoCouncilFixture>
{
    private IDirectoryStore Directory => council.Services.GetRequiredService<IDirectoryStore>();

    private ITrackingStore Tracking => council.Services.GetRequiredService<ITrackingStore>();

    /// <summary>Two IROs of one team (the first two the directory lists) and their manager.</summary>
    private async Task<(Person First, Person Second, Person Manager)> IrosAsync()
    {
        var snapshot = await Directory.GetSnapshotAsync();
        var iros = snapshot.People.Select(p => p.Value)
            .Where(p => p.Active && p.CurrentRoles.Any(r => r.Role.Value == "iro-cp-chair") && p.LineManager is not null)
            .GroupBy(p => p.HomeArea)
            .First(g => g.Count() >= 2)
            .OrderBy(p => p.Upn, StringComparer.Ordinal)
            .ToList();
        var manager = snapshot.People.Select(p => p.Value).Single(p => p.Id == iros[0].LineManager);
        return (iros[0], iros[1], manager);
    }

    private ChatUser As(Person person) => new(council.Host, person.Id, person.DisplayName);

    private static string TextOf(IReadOnlyList<JsonObject> replies) => Assert.Single(replies)["text"]!.GetValue<string>();

    [Fact]
    public async Task BecameLookedAfter_TheFirstReviewIsInMyCasesAndItsRemindersAreAtTheLeadTime()
    {
        var (iro, _, manager) = await IrosAsync();

        // Looked after Mon 2 Nov 2026: the first review within 20 working days, Mon 30 Nov.
        var recorded = TextOf(await As(iro).SayAsync("Child became looked after for 50101 on 2 Nov"));

        Assert.Contains("Recorded for case 50101 (Looked-after child's review): review 1 is due by Mon 30 Nov 2026", recorded, StringComparison.Ordinal);
        var mine = TextOf(await As(iro).SayAsync("my cases"));
        Assert.Contains("50101: Looked-after child's review, review 1 due Mon 30 Nov 2026", mine, StringComparison.Ordinal);
        var team = TextOf(await As(manager).SayAsync("my cases"));
        Assert.Contains($"{iro.DisplayName}'s cases:", team, StringComparison.Ordinal);
        Assert.Contains("50101: Looked-after child's review", team, StringComparison.Ordinal);

        var item = Assert.Single(await Tracking.GetOpenItemsAsync(iro), i => i.Id.Value.StartsWith("cla-review.50101.", StringComparison.Ordinal));
        var rules = council.Services.GetRequiredService<ScheduleRules>();
        var due = new DateOnly(2026, 11, 30);
        Assert.Equal(due, item.Due);
        Assert.NotEmpty(item.RemindAt);
        Assert.Equal(rules.Reminders(due, item.Duty).Select(r => r.At).Where(at => at > DemoCouncilFixture.Now), item.RemindAt);
    }

    [Fact]
    public async Task ReviewHeldThenTransferred_TheNextReviewCountsFromTheDayHeldAndMovesWithTheCase()
    {
        var (iro, colleague, _) = await IrosAsync();
        await As(iro).SayAsync("50202 became looked after on 2 Nov");

        // Held Wed 18 Nov: review 2 within 3 months, Thu 18 Feb 2027.
        var held = TextOf(await As(iro).SayAsync("CLA review held for 50202 on 18 Nov"));
        Assert.Contains("review 2 is due by Thu 18 Feb 2027", held, StringComparison.Ordinal);

        var moved = TextOf(await As(iro).SayAsync($"case 50202 transferred to {colleague.Upn}"));

        Assert.Contains("Recorded for case 50202", moved, StringComparison.Ordinal);
        Assert.Contains("50202: Looked-after child's review, review 2 due Thu 18 Feb 2027", TextOf(await As(colleague).SayAsync("my cases")), StringComparison.Ordinal);
        Assert.DoesNotContain("50202", TextOf(await As(iro).SayAsync("my cases")), StringComparison.Ordinal);
        Assert.Contains(await Tracking.GetOpenItemsAsync(colleague), i => i.Id.Value == "cla-review.50202.2026-11-02.2");
        var chain = await council.Services.GetRequiredService<ICaseChainStore>().GetAsync(CaseReference.Parse("50202"), "cla-review");
        Assert.Equal(3, chain!.Value.History.Count);

        var refused = TextOf(await As(iro).SayAsync("review held for 50202 on 19 Nov"));
        Assert.Contains("not yours", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_AnIroIsToldHowToRecordCasesAndASocialWorkerIsNot()
    {
        var (iro, _, _) = await IrosAsync();
        var socialWorker = (await Directory.GetPersonAsync(QaBot.Demo.DemoCouncil.KeyPeople.SocialWorkerChesterfield))!;

        var iroHelp = Assert.Single(await As(iro).SayAsync("help")).ToJsonString();
        var otherHelp = Assert.Single(await As(socialWorker).SayAsync("help")).ToJsonString();

        Assert.Contains("my cases", iroHelp, StringComparison.Ordinal);
        Assert.Contains("review held for 12345 on 3 Dec", iroHelp, StringComparison.Ordinal);
        Assert.DoesNotContain("my cases", otherHelp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaseReferenceWithANameInIt_RefusedAndNothingStored()
    {
        var (iro, _, _) = await IrosAsync();

        var refused = TextOf(await As(iro).SayAsync("Child became looked after for Smith1 on 2 Nov"));

        Assert.Contains("Nothing recorded. That is not a case reference in the council's format", refused, StringComparison.Ordinal);
        Assert.DoesNotContain(await council.Services.GetRequiredService<ICaseChainStore>().GetOpenAsync(iro.Id), c => c.Case.Value.Contains("mith", StringComparison.OrdinalIgnoreCase));
    }
}
