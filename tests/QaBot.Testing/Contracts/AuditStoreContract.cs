using QaBot.Application.Assurance;
using QaBot.Core.Assurance;
using QaBot.Core.Scheduling.Statutory;
using QaBot.Core.Tracking;
using QaBot.Testing.Organisation;
using Xunit;

namespace QaBot.Testing.Contracts;

/// <summary>What every <see cref="IAuditStore"/> must do; a derived class supplies a fresh, empty store for each test.</summary>
public abstract class AuditStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly Actor QaTeam = Actor.Operator("qa.lead@council.gov.uk");

    protected abstract IAuditStore Store { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    public static CaseAudit Audit(string title, DateOnly due, int cases = 2)
    {
        var id = CaseAudit.IdFor(title, due);
        return new CaseAudit(
            id, title, AuditKind.Thematic, ["Is the child's lived experience understood?", "Are plans reviewed on time?"], due,
            [.. Enumerable.Range(1, cases).Select(n => CaseReference.Parse((102930 + n).ToString(System.Globalization.CultureInfo.InvariantCulture))).Select((c, i) => new AuditedCase(i + 1, c, TestDirectory.Id(4), i == 0 ? TestDirectory.Id(6) : null, CaseAudit.ItemIdFor(id, i + 1, c)))],
            QaTeam, At);
    }

    private static AuditEntry Entry(CaseAudit audit, string action, int day = 0) => new(At.AddDays(day), QaTeam, action, audit.Subject, action + " in a test", new AuditOrigin("cli", "audits"));

    [Fact]
    public async Task AddAsync_ThenGet_ReturnsTheSameAuditAndItsTrail()
    {
        var audit = Audit("Neglect and cumulative harm", new DateOnly(2027, 1, 29));

        Assert.True(await Store.AddAsync(audit, Entry(audit, "arranged")));

        var stored = await Store.GetAsync(audit.Id);
        Assert.NotNull(stored);
        Assert.Equal(audit with { LinesOfEnquiry = [], Cases = [] }, stored with { LinesOfEnquiry = [], Cases = [] });
        Assert.Equal(audit.LinesOfEnquiry, stored.LinesOfEnquiry);
        Assert.Equal(audit.Cases, stored.Cases);
        Assert.Equal(Entry(audit, "arranged"), Assert.Single(await Store.GetAuditTrailAsync(audit.Id)));
        Assert.Null(await Store.GetAsync("2027-01-another"));
    }

    [Fact]
    public async Task AddAsync_Twice_KeepsTheFirstAndWritesNoSecondEntry()
    {
        var audit = Audit("Neglect and cumulative harm", new DateOnly(2027, 1, 29));
        await Store.AddAsync(audit, Entry(audit, "arranged"));

        Assert.False(await Store.AddAsync(audit with { Title = "Something else" }, Entry(audit, "arranged")));

        Assert.Equal("Neglect and cumulative harm", (await Store.GetAsync(audit.Id))!.Title);
        Assert.Single(await Store.GetAuditTrailAsync(audit.Id));
    }

    [Fact]
    public async Task ListAsync_GivesEveryAuditLatestDueFirst()
    {
        var early = Audit("Neglect and cumulative harm", new DateOnly(2027, 1, 29));
        var late = Audit("Missing from home", new DateOnly(2027, 3, 31), cases: 3);
        await Store.AddAsync(early, Entry(early, "arranged"));
        await Store.AddAsync(late, Entry(late, "arranged"));

        var audits = await Store.ListAsync();

        Assert.Equal([late.Id, early.Id], audits.Select(a => a.Id));
        Assert.Equal(3, audits[0].Cases.Count);
    }

    [Fact]
    public async Task UpdateCaseAsync_KeepsTheModerationOfThatCaseOnlyWithItsEntry()
    {
        var audit = Audit("Neglect and cumulative harm", new DateOnly(2027, 1, 29));
        await Store.AddAsync(audit, Entry(audit, "arranged"));
        var moderation = new AuditModeration(false, "Requires improvement", "Plans not reviewed within timescale.", QaTeam, At.AddDays(30));

        await Store.UpdateCaseAsync(audit.Id, audit.Cases[1] with { Moderation = moderation }, Entry(audit, "moderated", day: 30));

        var stored = (await Store.GetAsync(audit.Id))!;
        Assert.Null(stored.Cases[0].Moderation);
        Assert.Equal(moderation, stored.Cases[1].Moderation);
        Assert.Equal(["arranged", "moderated"], (await Store.GetAuditTrailAsync(audit.Id)).Select(e => e.Action));
    }

    [Fact]
    public async Task CloseAsync_ClosesOnceOnly()
    {
        var audit = Audit("Neglect and cumulative harm", new DateOnly(2027, 1, 29));
        await Store.AddAsync(audit, Entry(audit, "arranged"));
        var closure = new AuditClosure(QaTeam, At.AddDays(40));

        Assert.True(await Store.CloseAsync(audit.Id, closure, Entry(audit, "closed", day: 40)));
        Assert.False(await Store.CloseAsync(audit.Id, closure with { At = At.AddDays(41) }, Entry(audit, "closed")));

        Assert.Equal(closure, (await Store.GetAsync(audit.Id))!.Closure);
        Assert.Equal(["arranged", "closed"], (await Store.GetAuditTrailAsync(audit.Id)).Select(e => e.Action));
        Assert.False(await Store.CloseAsync("2027-01-no-such-audit", closure, Entry(audit, "closed")));
    }
}
