using QaBot.Core.Calendar;
using QaBot.Core.Scheduling.Statutory;
using QaBot.Testing.Data;
using QaBot.Testing.Scheduling;

namespace QaBot.Core.Tests.Scheduling;

[Trait("Category", "Fast")]
public sealed class StatutoryRuleTests
{
    private static readonly CouncilCalendar Calendar = SampleFramework.Calendar;

    private static readonly Lazy<StatutoryRuleSet> Shipped =
        new(() => ShippedData.LoadStatutoryRules());

    // Visits to a child in care (regulation 28) are a social worker's duty, which the framework gives nobody, so the
    // shipped file does not hold them; the weekly and repeatUntil arithmetic is checked on the same rules here.
    private static readonly StatutoryRuleSet Visits = StatutoryRuleSet.Parse(
        """
        rules:
          - id: visit
            name: Visit
            item: visit
            event: the placement starting
            legislation: regulation 28
            steps:
              - { within: 1 week, after: event }
              - { within: 6 weeks, after: previous, repeat: true }
          - id: visit-long-term
            name: Visit (long-term placement)
            item: visit
            event: the placement starting
            legislation: regulation 28
            steps:
              - { within: 1 week, after: event }
              - { within: 6 weeks, after: previous, repeatUntil: 12 months }
              - { within: 3 months, after: previous, repeat: true }
        """,
        "visits.yaml");

    private static StatutoryRule Rule(string id) => Shipped.Value.Find(id) ?? throw new InvalidOperationException($"No rule {id}.");

    [Fact]
    public void Load_ShippedRules_HoldTheLookedAfterAndChildProtectionChains()
    {
        var ids = Shipped.Value.Rules.Select(r => r.Id).ToList();

        Assert.Contains("cla-review", ids);
        Assert.Contains("cp-review", ids);
        Assert.Contains("cp-initial-conference", ids);
        Assert.Contains("complaint-stage-1", ids);
        Assert.DoesNotContain("cp-core-group", ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Deadlines_ChildBecomesLookedAfterBeforeChristmas_ChainWorkedByHand()
    {
        // Looked after from Monday 22 Dec 2025. Twenty working days, skipping 25-26 Dec and 1 Jan and the weekends:
        // 23, 24, 29, 30, 31 Dec, 2, 5-9, 12-16, 19-22 Jan: Thursday 22 Jan 2026. Then no more than 3 months:
        // Wednesday 22 Apr 2026; then no more than 6 months apart: Thursday 22 Oct 2026, Thursday 22 Apr 2027.
        var chain = Rule("cla-review").Deadlines(Calendar, new DateOnly(2025, 12, 22), 4, caseReference: CaseReference.Parse("LA/2025/00123"));

        Assert.Equal(
            [new DateOnly(2026, 1, 22), new DateOnly(2026, 4, 22), new DateOnly(2026, 10, 22), new DateOnly(2027, 4, 22)],
            chain.Select(d => d.Due));
        Assert.Equal([1, 2, 3, 4], chain.Select(d => d.N));
        Assert.Contains("20 working days after becoming looked after on Mon 22 Dec 2025", chain[0].Basis, StringComparison.Ordinal);
        Assert.Contains("3 months after review 1's deadline of Thu 22 Jan 2026", chain[1].Basis, StringComparison.Ordinal);
        Assert.Equal("cla-review.LA_2F2025_2F00123.2025-12-22.1", chain[0].Id!.Value.Value);
    }

    [Fact]
    public void Deadlines_ReviewHeldEarly_NextCountsFromTheDateHeld()
    {
        var chain = Rule("cla-review").Deadlines(Calendar, new DateOnly(2025, 12, 22), 3, held: [new DateOnly(2026, 1, 15)]);

        Assert.Equal(new DateOnly(2026, 1, 22), chain[0].Due);
        Assert.Equal(new DateOnly(2026, 4, 15), chain[1].Due);
        Assert.Contains("held Thu 15 Jan 2026", chain[1].Basis, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 10, 15), chain[2].Due);
    }

    [Fact]
    public void Deadlines_DeadlineOnAWeekend_MovesToTheWorkingDayBefore()
    {
        // Initial conference Fri 29 Aug 2025: three months is Sat 29 Nov 2025, so the first review is due Fri 28 Nov.
        // Six months after that is Thu 28 May 2026.
        var chain = Rule("cp-review").Deadlines(Calendar, new DateOnly(2025, 8, 29), 2);

        Assert.Equal(new DateOnly(2025, 11, 28), chain[0].Due);
        Assert.Contains("Sat 29 Nov 2025 is not a working day", chain[0].Basis, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 5, 28), chain[1].Due);
    }

    [Fact]
    public void Deadlines_DeadlineOnABankHoliday_MovesEarlierNeverLater()
    {
        // Reg 28 visits, placement from Mon 5 Jan 2026: a week later Mon 12 Jan; six weeks on Mon 23 Feb; six weeks
        // on is Easter Monday 6 Apr 2026, and Good Friday is 3 Apr: the visit is due Thu 2 Apr.
        var chain = Visits.Find("visit")!.Deadlines(Calendar, new DateOnly(2026, 1, 5), 3);

        Assert.Equal([new DateOnly(2026, 1, 12), new DateOnly(2026, 2, 23), new DateOnly(2026, 4, 2)], chain.Select(d => d.Due));
    }

    [Fact]
    public void Deadlines_LongTermPlacementAfterAYear_VisitsMoveToEveryThreeMonths()
    {
        var chain = Visits.Find("visit-long-term")!.Deadlines(Calendar, new DateOnly(2026, 1, 5), 14);

        var yearOn = new DateOnly(2027, 1, 5);
        var firstYear = chain.Where(d => d.Due <= yearOn).ToList();
        var later = chain.Where(d => d.Due > yearOn).ToList();
        Assert.All(firstYear.Zip(firstYear.Skip(1)), pair => Assert.InRange(pair.Second.Due.DayNumber - pair.First.Due.DayNumber, 35, 42));
        Assert.NotEmpty(later);
        Assert.All(later, d => Assert.Contains("3 months", d.Basis, StringComparison.Ordinal));
    }

    [Fact]
    public void Deadlines_SingleStepRule_EndsAfterOneAndShowsTheExtension()
    {
        // Complaint received Wed 17 Dec 2025: ten working days is 17 Dec + 18, 19, 22, 23, 24, 29, 30, 31 Dec, 2, 5 Jan.
        var chain = Rule("complaint-stage-1").Deadlines(Calendar, new DateOnly(2025, 12, 17), 5);

        var only = Assert.Single(chain);
        Assert.Equal(new DateOnly(2026, 1, 5), only.Due);
        Assert.Contains("extendable to 20 working days", only.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Deadlines_InitialConference_FifteenWorkingDaysAfterTheStrategyDiscussion() =>
        Assert.Equal(new DateOnly(2026, 5, 26), Rule("cp-initial-conference").Deadlines(Calendar, new DateOnly(2026, 5, 1), 1)[0].Due);

    [Theory]
    [InlineData("Jane Smith")]
    [InlineData("")]
    [InlineData("CR 12345")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz")]
    public void CaseReferenceTryParse_NameOrBadText_IsRefused(string text)
    {
        Assert.False(CaseReference.TryParse(text, out _, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Theory]
    [InlineData("CR-102938")]
    [InlineData("LA/2025/00123")]
    [InlineData("123456")]
    public void CaseReferenceTryParse_CaseSystemReference_IsAccepted(string text) =>
        Assert.True(CaseReference.TryParse(text, out _, out _));

    [Theory]
    [InlineData("rules:\n  - id: x\n    name: X\n    item: review\n    event: e\n    legislation: l\n    steps:\n      - { within: 20 fortnights, after: event }\n", 8, "rules[0].steps[0].within")]
    [InlineData("rules:\n  - id: x\n    name: X\n    item: review\n    event: e\n    legislation: l\n    steps:\n      - { within: 3 months, after: previous }\n", 8, "rules[0].steps[0].after")]
    [InlineData("rules:\n  - id: Bad Id\n    name: X\n    item: review\n    event: e\n    legislation: l\n    steps: []\n", 2, "rules[0].id")]
    [InlineData("rules:\n  - id: x\n    name: X\n    item: review\n    event: e\n    legislation: l\n    steps:\n      - { within: 3 months, after: event, repeat: true }\n      - { within: 3 months, after: previous }\n", 8, "rules[0].steps[0]")]
    public void Parse_BadRule_NamesLineAndField(string yaml, int line, string field)
    {
        var error = Assert.Throws<DataFileException>(() => StatutoryRuleSet.Parse(yaml, "statutory-rules.yaml"));

        Assert.Equal("statutory-rules.yaml", error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
    }
}
