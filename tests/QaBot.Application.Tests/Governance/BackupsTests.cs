using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Governance;
using QaBot.Core.Tracking;
using QaBot.Testing.InMemory;

namespace QaBot.Application.Tests.Governance;

[Trait("Category", "Fast")]
public sealed class BackupsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 1, 30, 5, TimeSpan.Zero);
    private static readonly Actor Operator = Actor.Operator("it.ops@council.example");

    private readonly FakeSnapshots _store = new();
    private readonly InMemoryGovernanceLog _log = new();
    private readonly Backups _backups;

    public BackupsTests()
    {
        _backups = new Backups(_store, _log, new FakeTimeProvider(Now));
    }

    [Fact]
    public async Task CreateAsync_NamesTheSnapshotByItsStartAndRecordsTheRowsCopied()
    {
        var manifest = await _backups.CreateAsync(Operator, new AuditOrigin("cli", "backup create"));

        Assert.Equal("20261204-013005", manifest.Snapshot);
        var look = Assert.Single(_log.Looks);
        Assert.Equal((GovernanceLook.BackupCreate, "snapshot:20261204-013005", 12L, Operator), (look.Action, look.Asked, look.Count, look.Actor));
    }

    [Fact]
    public async Task RestoreAsync_Refused_RecordsNothing()
    {
        _store.Outcome = RestoreOutcome.Refused("Restore goes into empty tables only");

        var outcome = await _backups.RestoreAsync("20261204-013005", null, Operator, new AuditOrigin("cli", "backup restore"));

        Assert.NotNull(outcome.Problem);
        Assert.Empty(_log.Looks);
    }

    [Fact]
    public async Task RestoreAsync_OneTable_RecordsWhichAndHowMany()
    {
        _store.Outcome = new RestoreOutcome([new SnapshotTable("Items", 7, "ab")], null);

        await _backups.RestoreAsync(" 20261204-013005 ", "Items", Operator, new AuditOrigin("cli", "backup restore"));

        Assert.Equal(("20261204-013005", "Items"), (_store.Restored!.Value.Snapshot, _store.Restored.Value.Table));
        var look = Assert.Single(_log.Looks);
        Assert.Equal((GovernanceLook.BackupRestore, "snapshot:20261204-013005 table:Items", 7L), (look.Action, look.Asked, look.Count));
    }

    private sealed class FakeSnapshots : ISnapshotStore
    {
        public RestoreOutcome Outcome { get; set; } = new([], null);

        public (string Snapshot, string? Table)? Restored { get; private set; }

        public Task<SnapshotManifest> CreateAsync(string snapshot, DateTimeOffset startedAt, CancellationToken cancellationToken = default) =>
            Task.FromResult(new SnapshotManifest(SnapshotManifest.CurrentFormat, snapshot, startedAt, startedAt, [new SnapshotTable("Items", 10, "x"), new SnapshotTable("Directory", 2, "y")]));

        public Task<IReadOnlyList<SnapshotSummary>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<SnapshotSummary>>([]);

        public Task<RestoreOutcome> RestoreAsync(string snapshot, string? table, CancellationToken cancellationToken = default)
        {
            Restored = (snapshot, table);
            return Task.FromResult(Outcome);
        }
    }
}
