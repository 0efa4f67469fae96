using QaBot.Core.Calendar;
using QaBot.Core.Cases;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling.Statutory;
using QaBot.Testing.Data;
using QaBot.Testing.Scheduling;

namespace QaBot.Core.Tests.Cases;

[Trait("Category", "Fast")]
public sealed class CaseChainsTests
{
    private static readonly CouncilCalendar Calendar = SampleFramework.Calendar;
    private static readonly Lazy<StatutoryRuleSet> Rules = new(() => ShippedData.LoadStatutoryRules());
    private static readonly PersonId Iro = new("6f2d3c1e-0000-4000-8000-000000000001");
    private static readonly PersonId OtherIro = new("6f2d3c1e-0000-4000-8000-000000000002");
    private static readonly CaseReference Case = CaseReference.Parse("12345");
    private static readonly DateOnly Today = new(2027, 6, 1);

    [Fact]
    public void OwningDuty_EveryShippedRule_IsFollowedByExactlyOneDuty()
    {
        var catalogue = ShippedFramework.Catalogue;

        foreach (var rule in Rules.Value.Rules)
        {
            var owners = catalogue.Duties.Where(d => d.Rhythm is StatutoryRhythm s && s.RuleIds.Contains(rule.Id)).ToList();
            Assert.True(owners.Count == 1, $"{rule.Id} is followed by {owners.Count} duties.");
        }

        Assert.Equal("iro-quality-assure-planning", CaseChains.OwningDuty(catalogue, "cla-review")!.Id.Value);
        Assert.Equal("iro-quality-assure-planning", CaseChains.OwningDuty(catalogue, "cp-initial-conference")!.Id.Value);
        Assert.Equal("complaints-response", CaseChains.OwningDuty(catalogue, "complaint-stage-2")!.Id.Value);
    }

    [Fact]
    public void OwningDuty_EveryRuleTheCatalogueNames_IsInTheRulesFile()
    {
        var named = ShippedFramework.Catalogue.Duties.Select(d => d.Rhythm).OfType<StatutoryRhythm>().SelectMany(s => s.RuleIds);

        Assert.All(named, id => Assert.NotNull(Rules.Value.Find(id)));
    }

    [Fact]
    public void Apply_LookedAfterChildsFirstThreeReviews_EachCountsFromTheDayHeld()
    {
        // Looked after Mon 22 Dec 2025: review 1 within 20 working days (25, 26 Dec and 1 Jan are bank holidays), so
        // Thu 22 Jan 2026. Held early on Tue 20 Jan: review 2 no more than 3 months later, Mon 20 Apr 2026. Held that
        // day: review 3 no more than 6 months later, Tue 20 Oct 2026.
        var chain = Start("cla-review", new DateOnly(2025, 12, 22));
        Assert.Equal(new DateOnly(2026, 1, 22), Next(chain).Due);

        chain = Record(chain, CaseEventKind.Held, new DateOnly(2026, 1, 20));
        Assert.Equal(new DateOnly(2026, 4, 20), Next(chain).Due);
        Assert.Equal(2, Next(chain).N);

        chain = Record(chain, CaseEventKind.Held, new DateOnly(2026, 4, 20));
        var third = Next(chain);
        Assert.Equal(new DateOnly(2026, 10, 20), third.Due);
        Assert.Equal("cla-review.12345.2025-12-22.3", third.Id!.Value.Value);
        Assert.True(chain.IsOpen);
    }

    [Fact]
    public void Apply_ReviewHeldLate_NextCountsFromTheDayItWasHeldNotTheDayItWasDue()
    {
        // Review 2 was due Mon 20 Apr 2026 and held late on Wed 29 Apr: review 3 is due Thu 29 Oct 2026, not 20 Oct.
        var chain = Start("cla-review", new DateOnly(2025, 12, 22));
        chain = Record(chain, CaseEventKind.Held, new DateOnly(2026, 1, 20));
        chain = Record(chain, CaseEventKind.Held, new DateOnly(2026, 4, 29));

        Assert.Equal(new DateOnly(2026, 10, 29), Next(chain).Due);
        Assert.Contains("held Wed 29 Apr 2026", Next(chain).Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ChildProtectionChain_ConferenceThenReviewsUntilThePlanEnds()
    {
        // Strategy discussion Fri 1 May 2026: the initial conference within 15 working days, skipping the bank holidays
        // on Mon 4 and Mon 25 May, is Tue 26 May. Held Thu 21 May, which ends that chain and starts the reviews: the
        // first within 3 months, Fri 21 Aug 2026. Held Thu 20 Aug: six months on is Sat 20 Feb 2027, so Fri 19 Feb.
        var conference = Start("cp-initial-conference", new DateOnly(2026, 5, 1));
        Assert.Equal(new DateOnly(2026, 5, 26), Next(conference).Due);

        conference = Record(conference, CaseEventKind.Held, new DateOnly(2026, 5, 21));
        Assert.False(conference.IsOpen);
        Assert.Equal(new DateOnly(2026, 5, 21), conference.ClosedOn);
        Assert.Null(CaseChains.NextDeadline(conference, Rule("cp-initial-conference"), Calendar));

        var reviews = Start("cp-review", new DateOnly(2026, 5, 21));
        Assert.Equal(new DateOnly(2026, 8, 21), Next(reviews).Due);

        reviews = Record(reviews, CaseEventKind.Held, new DateOnly(2026, 8, 20));
        Assert.Equal(new DateOnly(2027, 2, 19), Next(reviews).Due);

        reviews = Record(reviews, CaseEventKind.Closed, new DateOnly(2026, 9, 10));
        Assert.False(reviews.IsOpen);
        Assert.Null(CaseChains.NextDeadline(reviews, Rule("cp-review"), Calendar));
        Assert.Equal(CaseEventStatus.Refused, Apply(reviews, "cp-review", new CaseEvent(CaseEventKind.Held, new DateOnly(2026, 10, 1), Iro)).Status);
    }

    [Fact]
    public void Apply_ComplaintStage1Extended_WithinTheLimitAcceptedBeyondItRefused()
    {
        // Received Wed 17 Dec 2025: 10 working days is Mon 5 Jan 2026; the procedure allows 20 working days at most,
        // Mon 19 Jan 2026 (25, 26 Dec and 1 Jan are bank holidays).
        var chain = Start("complaint-stage-1", new DateOnly(2025, 12, 17));
        Assert.Equal(new DateOnly(2026, 1, 5), Next(chain).Due);

        var beyond = Apply(chain, "complaint-stage-1", Extension(new DateOnly(2026, 1, 20)));
        Assert.Equal(CaseEventStatus.Refused, beyond.Status);
        Assert.Contains("Monday 19 January 2026", beyond.Problem, StringComparison.Ordinal);

        chain = Record(chain, Extension(new DateOnly(2026, 1, 16)));
        Assert.Equal(new DateOnly(2026, 1, 16), Next(chain).Due);
        Assert.Contains("extended to Friday 16 January 2026", Next(chain).Basis, StringComparison.Ordinal);

        chain = Record(chain, Extension(new DateOnly(2026, 1, 19)));
        Assert.Equal(new DateOnly(2026, 1, 19), Next(chain).Due);

        chain = Record(chain, CaseEventKind.Held, new DateOnly(2026, 1, 14));
        Assert.False(chain.IsOpen);
    }

    [Fact]
    public void Apply_ComplaintStage2_TwentyFiveWorkingDays()
    {
        // Stage 2 requested Mon 2 Feb 2026: 25 working days is Mon 9 Mar 2026.
        Assert.Equal(new DateOnly(2026, 3, 9), Next(Start("complaint-stage-2", new DateOnly(2026, 2, 2))).Due);
    }

    [Fact]
    public void Apply_ComplaintStage3OverEaster_SkipsTheBankHolidaysAndAllowsNoExtension()
    {
        // Panel requested Mon 2 Mar 2026: 30 working days, skipping Good Friday 3 Apr and Easter Monday 6 Apr, is Wed 15 Apr.
        var chain = Start("complaint-stage-3", new DateOnly(2026, 3, 2));
        Assert.Equal(new DateOnly(2026, 4, 15), Next(chain).Due);

        var extension = Apply(chain, "complaint-stage-3", Extension(new DateOnly(2026, 4, 30)));
        Assert.Equal(CaseEventStatus.Refused, extension.Status);
        Assert.Contains("no extension", extension.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_Transfer_MovesTheChainAndKeepsTheHistory()
    {
        var chain = Start("cla-review", new DateOnly(2025, 12, 22));

        var moved = Record(chain, new CaseEvent(CaseEventKind.Transferred, new DateOnly(2026, 1, 5), Iro, To: OtherIro));

        Assert.Equal(OtherIro, moved.Responsible);
        Assert.Equal(2, moved.History.Count);
        Assert.Equal(Next(chain).Due, Next(moved).Due);
        Assert.Equal(CaseEventStatus.Unchanged, Apply(moved, "cla-review", new CaseEvent(CaseEventKind.Transferred, new DateOnly(2026, 1, 5), Iro, To: OtherIro)).Status);
    }

    [Fact]
    public void Apply_SameEventTwice_ChangesNothing()
    {
        var chain = Start("cla-review", new DateOnly(2025, 12, 22));
        chain = Record(chain, CaseEventKind.Held, new DateOnly(2026, 1, 20));

        Assert.Equal(CaseEventStatus.Unchanged, Apply(chain, "cla-review", new CaseEvent(CaseEventKind.Held, new DateOnly(2026, 1, 20), Iro)).Status);
        Assert.Equal(CaseEventStatus.Unchanged, Apply(chain, "cla-review", new CaseEvent(CaseEventKind.Started, new DateOnly(2025, 12, 22), Iro, To: Iro)).Status);
    }

    [Theory]
    [InlineData(CaseEventKind.Held, 2026, 1, 1, "before the chain's last event")]
    [InlineData(CaseEventKind.Held, 2027, 7, 1, "in the future")]
    [InlineData(CaseEventKind.Started, 2026, 2, 1, "already has an open")]
    public void Apply_EventThatCannotHappen_IsRefusedWithTheReason(CaseEventKind kind, int year, int month, int day, string reason)
    {
        var chain = Start("cla-review", new DateOnly(2026, 1, 5));

        var result = Apply(chain, "cla-review", new CaseEvent(kind, new DateOnly(year, month, day), Iro, To: Iro));

        Assert.Equal(CaseEventStatus.Refused, result.Status);
        Assert.Contains(reason, result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_FirstEventIsNotTheStart_IsRefused()
    {
        var result = CaseChains.Apply(null, Case, Rule("cla-review"), new DutyId("iro-quality-assure-planning"), new CaseEvent(CaseEventKind.Held, new DateOnly(2026, 1, 5), Iro), Calendar, Today);

        Assert.Equal(CaseEventStatus.Refused, result.Status);
        Assert.Contains("becoming looked after", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_StartAfterTheChainClosed_StartsAgainAndKeepsTheHistory()
    {
        var chain = Record(Start("cla-review", new DateOnly(2025, 12, 22)), CaseEventKind.Closed, new DateOnly(2026, 2, 2));

        var again = Record(chain, new CaseEvent(CaseEventKind.Started, new DateOnly(2026, 3, 2), Iro, To: Iro));

        Assert.True(again.IsOpen);
        Assert.Equal(3, again.History.Count);
        Assert.Equal("cla-review.12345.2026-03-02.1", Next(again).Id!.Value.Value);
    }

    [Theory]
    [InlineData("12345", true)]
    [InlineData("0012345678", true)]
    [InlineData("Smith1", false)]
    [InlineData("1234", false)]
    [InlineData("CR-102938", false)]
    public void CaseReferencePattern_Default_AcceptsTheDemoFormatOnly(string text, bool accepted)
    {
        var pattern = new CaseReferencePattern(CaseReferencePattern.Default);

        Assert.Equal(accepted, pattern.TryParse(text, out var reference, out var problem));
        Assert.Equal(accepted, reference is not null);
        Assert.Equal(accepted, problem is null);
    }

    private static StatutoryRule Rule(string id) => Rules.Value.Find(id) ?? throw new InvalidOperationException($"No rule {id}.");

    private static StatutoryDeadline Next(CaseChain chain) =>
        CaseChains.NextDeadline(chain, Rule(chain.Rule), Calendar) ?? throw new InvalidOperationException("The chain has no next deadline.");

    private static CaseEvent Extension(DateOnly to) => new(CaseEventKind.Extended, new DateOnly(2025, 12, 30), Iro, ExtendedTo: to);

    private static CaseChain Start(string rule, DateOnly on)
    {
        var duty = CaseChains.OwningDuty(ShippedFramework.Catalogue, rule)!.Id;
        var result = CaseChains.Apply(null, Case, Rule(rule), duty, new CaseEvent(CaseEventKind.Started, on, Iro, To: Iro), Calendar, Today);
        Assert.Equal(CaseEventStatus.Applied, result.Status);
        return result.Chain!;
    }

    private static CaseEventResult Apply(CaseChain chain, string rule, CaseEvent caseEvent) =>
        CaseChains.Apply(chain, Case, Rule(rule), chain.Duty, caseEvent, Calendar, Today);

    private static CaseChain Record(CaseChain chain, CaseEventKind kind, DateOnly on) => Record(chain, new CaseEvent(kind, on, Iro));

    private static CaseChain Record(CaseChain chain, CaseEvent caseEvent)
    {
        var result = Apply(chain, chain.Rule, caseEvent);
        Assert.True(result.Status == CaseEventStatus.Applied, result.Problem);
        return result.Chain!;
    }
}
