using QaBot.Application.Cases;
using QaBot.Application.Storage;
using QaBot.Core.Cases;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling.Statutory;
using Xunit;

namespace QaBot.Testing.Contracts;

/// <summary>What every <see cref="ICaseChainStore"/> must do; a derived class supplies a fresh, empty store for each test.</summary>
public abstract class CaseChainStoreContract : IAsyncLifetime
{
    private static readonly PersonId Iro = new("0b1c2d3e-0000-4000-8000-000000000001");
    private static readonly PersonId OtherIro = new("0b1c2d3e-0000-4000-8000-000000000002");

    protected abstract ICaseChainStore Store { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static CaseChain Chain(string reference, string rule, PersonId responsible) => new(
        CaseReference.Parse(reference),
        rule,
        new DutyId("iro-quality-assure-planning"),
        responsible,
        new DateOnly(2025, 12, 22),
        Held: [],
        ExtendedTo: null,
        ClosedOn: null,
        History: [new CaseEvent(CaseEventKind.Started, new DateOnly(2025, 12, 22), responsible, To: responsible)]);

    [Fact]
    public async Task SaveAsync_CreateThenUpdate_KeepsEveryFieldAndRefusesStaleWrites()
    {
        var created = await Store.SaveAsync(Chain("LA/2025/00123", "cla-review", Iro), null);
        var changed = Chain("LA/2025/00123", "cla-review", Iro) with
        {
            Responsible = OtherIro,
            Held = [new DateOnly(2026, 1, 20), new DateOnly(2026, 4, 29)],
            ExtendedTo = new DateOnly(2026, 11, 2),
            History =
            [
                new CaseEvent(CaseEventKind.Started, new DateOnly(2025, 12, 22), Iro, To: Iro),
                new CaseEvent(CaseEventKind.Held, new DateOnly(2026, 1, 20), Iro),
                new CaseEvent(CaseEventKind.Transferred, new DateOnly(2026, 2, 2), Iro, To: OtherIro),
                new CaseEvent(CaseEventKind.Extended, new DateOnly(2026, 2, 3), OtherIro, ExtendedTo: new DateOnly(2026, 11, 2)),
            ],
        };

        var updated = await Store.SaveAsync(changed, created.Version);

        Assert.True(updated.Saved);
        Assert.Equal(WriteStatus.Conflict, (await Store.SaveAsync(changed with { Responsible = Iro }, created.Version)).Status);
        Assert.Equal(WriteStatus.Conflict, (await Store.SaveAsync(Chain("LA/2025/00123", "cla-review", Iro), null)).Status);
        var stored = await Store.GetAsync(CaseReference.Parse("LA/2025/00123"), "cla-review");
        Assert.NotNull(stored);
        Assert.Equal(updated.Version, stored.Version);
        Assert.True(stored.Value.SameAs(changed));
    }

    [Fact]
    public async Task GetAsync_ChainNeverSaved_IsNull() =>
        Assert.Null(await Store.GetAsync(CaseReference.Parse("12345"), "cla-review"));

    [Fact]
    public async Task GetForCaseAsync_CaseWhoseReferenceStartsLikeAnother_ReturnsOnlyItsOwnByRule()
    {
        await Store.SaveAsync(Chain("12345", "cp-review", Iro), null);
        await Store.SaveAsync(Chain("12345", "cp-initial-conference", Iro), null);
        await Store.SaveAsync(Chain("123456", "cla-review", Iro), null);

        var chains = await Store.GetForCaseAsync(CaseReference.Parse("12345"));

        Assert.Equal(["cp-initial-conference", "cp-review"], chains.Select(c => c.Value.Rule));
    }

    [Fact]
    public async Task GetOpenAsync_ByPerson_LeavesOutClosedChainsAndOtherPeoplesCases()
    {
        await Store.SaveAsync(Chain("22222", "cla-review", Iro), null);
        await Store.SaveAsync(Chain("11111", "cp-review", Iro), null);
        await Store.SaveAsync(Chain("33333", "cla-review", Iro) with { ClosedOn = new DateOnly(2026, 3, 1) }, null);
        await Store.SaveAsync(Chain("44444", "cla-review", OtherIro), null);

        var mine = await Store.GetOpenAsync(Iro);
        var everyone = await Store.GetOpenAsync(null);

        Assert.Equal(["11111", "22222"], mine.Select(c => c.Case.Value));
        Assert.Equal(["11111", "22222", "44444"], everyone.Select(c => c.Case.Value));
    }
}
