using Microsoft.Extensions.Logging.Abstractions;
using QaBot.Application.Framework;
using QaBot.Application.Tracking;
using QaBot.Core.Assurance;
using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Testing.Data;
using QaBot.Testing.Framework;
using QaBot.Testing.Organisation;
using QaBot.Testing.Scheduling;

namespace QaBot.Application.Tests.Framework;

/// <summary>
/// Version 3 of the shipped framework (<see cref="NextFramework"/>): casework sampling goes quarterly, the Big
/// Conversation is removed, effective Thursday 1 April 2027.
/// </summary>
[Trait("Category", "Fast")]
public sealed class SupersedeDutiesTests
{
    private static readonly FrameworkCatalogue Previous = ShippedFramework.Catalogue;
    private static readonly FrameworkCatalogue Next = NextFramework.Catalogue();
    private static readonly DateTimeOffset EffectiveMorning = new(2027, 4, 1, 6, 0, 0, TimeSpan.Zero);
    private static readonly AuditOrigin Origin = new("scheduler", "supersede");
    private readonly Council _council = new();
    private readonly TrackedItem _sampling;
    private readonly TrackedItem _samplingRescheduled;
    private readonly TrackedItem _bigConversation;
    private readonly TrackedItem _unchanged;
    private readonly TrackedItem _samplingDone;

    public SupersedeDutiesTests()
    {
        _sampling = _council.Add("sampling-2027-03", 1, new DateOnly(2027, 3, 31), NextFramework.RhythmChanged.Value);
        _samplingRescheduled = _council.Add("sampling-2027-02", 1, new DateOnly(2027, 2, 26), NextFramework.RhythmChanged.Value);
        _council.Tracking.UpdateAsync(_samplingRescheduled.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Rescheduled, new DateOnly(2027, 4, 9)))).GetAwaiter().GetResult();
        _bigConversation = _council.Add("big-conversation-2027", 9, new DateOnly(2027, 6, 30), NextFramework.Removed.Value);
        _unchanged = _council.Add("visits-2027-q1", 1, new DateOnly(2027, 3, 31), "exec-director-front-line-visits");
        _samplingDone = _council.Add("sampling-2027-01", 1, new DateOnly(2027, 1, 29), NextFramework.RhythmChanged.Value);
        _council.Tracking.UpdateAsync(_samplingDone.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Done, new DateOnly(2027, 1, 28)))).GetAwaiter().GetResult();
    }

    private SupersedeDuties UseCase(ITrackingStore? tracking = null) =>
        new(tracking ?? _council.Tracking, _council.Directory, Council.Rules, _council.Time, NullLogger<SupersedeDuties>.Instance);

    private Task<SupersedeResult> RunAsync(ITrackingStore? tracking = null) => UseCase(tracking).ExecuteAsync(Previous, Next, Origin, CancellationToken.None);

    private async Task<int> SupersededEntriesAsync(TrackedItem item) =>
        (await _council.Tracking.GetAuditTrailAsync(item.Key)).Count(a => a.Action == "superseded");

    [Fact]
    public async Task Execute_ShippedVersion2OnFirstJanuary2027_ClosesEveryMembersOverviewItemsAndNothingElseOfTheirs_AndTheCalendarsVisits()
    {
        var version1 = ShippedData.LoadCatalogue(ShippedData.PreviousCatalogueFile).Catalogue!;
        var overview = _council.Add("overview-2026-12", 9, new DateOnly(2026, 12, 31), "member-qa-overview");
        var children = _council.Add("children-in-care-2026-q4", 9, new DateOnly(2026, 12, 31), "member-children-in-care-councils");
        _council.Time.SetUtcNow(new DateTimeOffset(2027, 1, 1, 4, 30, 0, TimeSpan.Zero));

        var result = await UseCase().ExecuteAsync(version1, ShippedFramework.Catalogue, Origin, CancellationToken.None);

        Assert.Equal((SupersedeStatus.Done, 2, 2), (result.Status, result.Version, result.Closed));
        Assert.Equal((ItemStatus.ClosedOther, "superseded-v2"), (_council.Get(overview).Status, _council.Get(overview).ClosedReason));
        // The Executive Director's quarterly visit from the calendar: version 2 plans visits in a programme instead.
        Assert.Equal((ItemStatus.ClosedOther, "superseded-v2"), (_council.Get(_unchanged).Status, _council.Get(_unchanged).ClosedReason));
        Assert.Equal(ItemStatus.Open, _council.Get(children).Status);
        Assert.Equal(ItemStatus.Open, _council.Get(_sampling).Status);
    }

    [Fact]
    public async Task Execute_ShippedVersion2_ClosesTheCalendarsFollowUpVisitsButKeepsThoseMadeFromLearningDaysHeld()
    {
        var version1 = ShippedData.LoadCatalogue(ShippedData.PreviousCatalogueFile).Catalogue!;
        const string visits = "exec-director-learning-day-visits";
        var calendar = _council.Add(visits + ".2026-b6." + TestDirectory.Id(1).Value, 1, new DateOnly(2026, 12, 31), visits);
        var fromDay = _council.Add(visits + ".2026-11-18-neglect-in-early-help." + TestDirectory.Id(1).Value, 1, new DateOnly(2026, 12, 30), visits);
        _council.Time.SetUtcNow(new DateTimeOffset(2027, 1, 1, 4, 30, 0, TimeSpan.Zero));

        await UseCase().ExecuteAsync(version1, ShippedFramework.Catalogue, Origin, CancellationToken.None);

        Assert.Equal((ItemStatus.ClosedOther, "superseded-v2"), (_council.Get(calendar).Status, _council.Get(calendar).ClosedReason));
        Assert.Equal(ItemStatus.Open, _council.Get(fromDay).Status);
    }

    [Fact]
    public async Task Execute_ShippedVersion2_ClosesTheCalendarsQuarterlyVisitsButKeepsTheProgrammesEntries()
    {
        var version1 = ShippedData.LoadCatalogue(ShippedData.PreviousCatalogueFile).Catalogue!;
        const string visits = "exec-director-front-line-visits";
        var calendar = _council.Add(visits + ".2026-q4." + TestDirectory.Id(1).Value, 1, new DateOnly(2026, 12, 31), visits);
        var planned = _council.Add(Programme.ItemFor(new ProgrammeKey(TestDirectory.Id(1), new DutyId(visits), 2027), 1).Value, 1, new DateOnly(2027, 3, 31), visits);
        _council.Time.SetUtcNow(new DateTimeOffset(2027, 1, 1, 4, 30, 0, TimeSpan.Zero));

        await UseCase().ExecuteAsync(version1, ShippedFramework.Catalogue, Origin, CancellationToken.None);

        Assert.Equal((ItemStatus.ClosedOther, "superseded-v2"), (_council.Get(calendar).Status, _council.Get(calendar).ClosedReason));
        Assert.Equal(ItemStatus.Open, _council.Get(planned).Status);
    }

    [Fact]
    public async Task Execute_BeforeTheEffectiveDate_ClosesNothing()
    {
        _council.Time.SetUtcNow(EffectiveMorning.AddDays(-1));

        var result = await RunAsync();

        Assert.Equal((SupersedeStatus.NotYetEffective, 0), (result.Status, result.Closed));
        Assert.Equal(ItemStatus.Open, _council.Get(_sampling).Status);
    }

    [Fact]
    public async Task Execute_OnTheEffectiveDate_ClosesOpenItemsOfChangedAndRemovedDutiesOnceEach()
    {
        _council.Time.SetUtcNow(EffectiveMorning);

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal((SupersedeStatus.Done, 3, 3), (first.Status, first.Version, first.Closed));
        Assert.Equal(0, second.Closed);
        foreach (var item in new[] { _sampling, _samplingRescheduled, _bigConversation })
        {
            var closed = _council.Get(item);
            Assert.Equal((ItemStatus.ClosedOther, "superseded-v3", Actor.System("framework")), (closed.Status, closed.ClosedReason, closed.UpdatedBy));
            Assert.Equal(1, await SupersededEntriesAsync(item));
            Assert.Equal((ComplianceOutcome.ClosedOther, "superseded-v3"), (ComplianceEntry.Of(closed).Outcome, ComplianceEntry.Of(closed).Reason));
        }

        var audit = (await _council.Tracking.GetAuditTrailAsync(_samplingRescheduled.Key))[^1];
        Assert.Equal("closed: superseded by framework version 3 (was Rescheduled, due 2027-04-09)", audit.Detail);
        Assert.Equal(ItemStatus.Open, _council.Get(_unchanged).Status);
        Assert.Equal(ItemStatus.Done, _council.Get(_samplingDone).Status);
    }

    [Fact]
    public async Task Execute_ItemsOfTheNewRhythmCreatedFromTheEffectiveDate_LeftOpen()
    {
        _council.Time.SetUtcNow(EffectiveMorning);
        var quarterly = TestItems.Open("sampling-2027-q2", TestDirectory.Id(1), TestDirectory.Department, new DateOnly(2027, 6, 30), NextFramework.RhythmChanged.Value)
            with { CreatedAt = EffectiveMorning.AddHours(-1), UpdatedAt = EffectiveMorning.AddHours(-1) };
        await _council.Tracking.AddIfAbsentAsync([NewItem.Of(quarterly)], TestItems.Origin);

        await RunAsync();

        Assert.Equal(ItemStatus.Open, _council.Get(quarterly).Status);
        Assert.Equal(ItemStatus.ClosedOther, _council.Get(_sampling).Status);
    }

    [Fact]
    public async Task Execute_CrashPartWayThenRunAgain_EveryItemClosedExactlyOnce()
    {
        _council.Time.SetUtcNow(EffectiveMorning);
        var crashing = new CrashAfter(_council.Tracking, updates: 1);

        await Assert.ThrowsAsync<IOException>(() => RunAsync(crashing));
        var closedBeforeTheCrash = new[] { _sampling, _samplingRescheduled, _bigConversation }.Count(i => _council.Get(i).Status == ItemStatus.ClosedOther);
        var resumed = await RunAsync();

        Assert.Equal(1, closedBeforeTheCrash);
        Assert.Equal(2, resumed.Closed);
        foreach (var item in new[] { _sampling, _samplingRescheduled, _bigConversation })
        {
            Assert.Equal(ItemStatus.ClosedOther, _council.Get(item).Status);
            Assert.Equal(1, await SupersededEntriesAsync(item));
        }
    }

    /// <summary>A store whose process dies after <c>updates</c> writes: the next write throws before touching anything.</summary>
    private sealed class CrashAfter(ITrackingStore inner, int updates) : ITrackingStore
    {
        private int _left = updates;

        public Task<ItemUpdateResult> UpdateAsync(ItemKey key, Func<TrackedItem, ItemChange?> change, CancellationToken cancellationToken = default) =>
            _left-- > 0 ? inner.UpdateAsync(key, change, cancellationToken) : throw new IOException("The process stopped.");

        public Task<int> AddIfAbsentAsync(IReadOnlyCollection<NewItem> items, AuditOrigin origin, CancellationToken cancellationToken = default) => inner.AddIfAbsentAsync(items, origin, cancellationToken);

        public Task<TrackedItem?> GetAsync(ItemKey key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

        public Task<IReadOnlyList<TrackedItem>> GetOpenItemsAsync(Person person, CancellationToken cancellationToken = default) => inner.GetOpenItemsAsync(person, cancellationToken);

        public Task<IReadOnlyList<TrackedItem>> GetSetAsideAsync(AreaId area, DateOnly dueFrom, CancellationToken cancellationToken = default) => inner.GetSetAsideAsync(area, dueFrom, cancellationToken);

        public Task<IReadOnlyList<TrackedItem>> GetOutstandingAsync(AreaId area, DateOnly dueBefore, CancellationToken cancellationToken = default) => inner.GetOutstandingAsync(area, dueBefore, cancellationToken);

        public Task<IReadOnlyList<TrackedItem>> GetOutstandingKeptInAsync(AreaId area, DateOnly firstDue, DateOnly lastDue, int max, CancellationToken cancellationToken = default) =>
            inner.GetOutstandingKeptInAsync(area, firstDue, lastDue, max, cancellationToken);

        public Task<IReadOnlyList<TrackedItem>> GetOutstandingByKeyAsync(AreaId area, IReadOnlyList<OpenKey> keys, CancellationToken cancellationToken = default) =>
            inner.GetOutstandingByKeyAsync(area, keys, cancellationToken);

        public Task<IReadOnlyList<AreaDutyCount>> CountOutstandingAsync(AreaId area, DateOnly dueBefore, CancellationToken cancellationToken = default) => inner.CountOutstandingAsync(area, dueBefore, cancellationToken);

        public Task<IReadOnlyList<ReminderDue>> GetDueForReminderAsync(DateTimeOffset after, DateTimeOffset upTo, CancellationToken cancellationToken = default) => inner.GetDueForReminderAsync(after, upTo, cancellationToken);

        public Task<IReadOnlyList<ItemReply>> GetRepliesAsync(ItemKey key, CancellationToken cancellationToken = default) => inner.GetRepliesAsync(key, cancellationToken);

        public Task<IReadOnlyList<ItemNudge>> GetNudgesAsync(ItemKey key, CancellationToken cancellationToken = default) => inner.GetNudgesAsync(key, cancellationToken);

        public Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(ItemKey key, CancellationToken cancellationToken = default) => inner.GetAuditTrailAsync(key, cancellationToken);

        public Task<int> TransferAsync(ItemTransfer transfer, CancellationToken cancellationToken = default) => inner.TransferAsync(transfer, cancellationToken);

        public Task<int> RepairAsync(TimeSpan olderThan, CancellationToken cancellationToken = default) => inner.RepairAsync(olderThan, cancellationToken);
    }
}
