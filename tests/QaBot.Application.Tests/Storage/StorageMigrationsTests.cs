using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Governance;
using QaBot.Application.Storage;
using QaBot.Core.Tracking;
using QaBot.Testing.InMemory;

namespace QaBot.Application.Tests.Storage;

public sealed class StorageMigrationsTests
{
    private static readonly Actor Operator = Actor.Operator("it.ops@council.example");
    private static readonly AuditOrigin Origin = new("cli", "storage migrate");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 18, 0, 0, TimeSpan.Zero));
    private readonly VersionStore _version = new();
    private readonly InMemoryGovernanceLog _log = new();
    private readonly List<int> _ran = [];

    private StorageMigrations Migrations(params IStorageMigration[] steps) => new(steps, _version, _log, _time);

    private Step Numbered(int version, long changes = 3, Exception? fails = null) => new(version, changes, fails, _ran);

    [Fact]
    public async Task MigrateAsync_NoVersionRecorded_RunsEveryStepInOrderRecordsTheLatestAndLogsTheRun()
    {
        var migrations = Migrations(Numbered(2, changes: 5), Numbered(1, changes: 3));

        var outcome = await migrations.MigrateAsync(dryRun: false, Operator, Origin);

        Assert.Equal([1, 2], _ran);
        Assert.Equal((0, 2, 8L), (outcome.From, outcome.To, outcome.Changed));
        Assert.Equal(2, _version.Value);
        var look = Assert.Single(_log.Looks);
        Assert.Equal((GovernanceLook.StorageMigrate, "storage version 0 to 2", 8L, Operator), (look.Action, look.Asked, look.Count, look.Actor));
    }

    [Fact]
    public async Task MigrateAsync_RunTwice_SecondRunDoesNothingAndLogsNothing()
    {
        var migrations = Migrations(Numbered(1), Numbered(2));
        await migrations.MigrateAsync(dryRun: false, Operator, Origin);
        _ran.Clear();

        var again = await migrations.MigrateAsync(dryRun: false, Operator, Origin);

        Assert.Empty(again.Steps);
        Assert.Empty(_ran);
        Assert.Single(_log.Looks);
    }

    [Fact]
    public async Task MigrateAsync_StepFails_VersionStaysAtTheLastStepDoneAndTheNextRunResumesThere()
    {
        var failing = Migrations(Numbered(1), Numbered(2, fails: new IOException("storage went away")), Numbered(3));

        await Assert.ThrowsAsync<IOException>(() => failing.MigrateAsync(dryRun: false, Operator, Origin));
        Assert.Equal(1, _version.Value);
        _ran.Clear();

        var resumed = await Migrations(Numbered(1), Numbered(2), Numbered(3)).MigrateAsync(dryRun: false, Operator, Origin);

        Assert.Equal([2, 3], _ran);
        Assert.Equal((1, 3), (resumed.From, resumed.To));
        Assert.Equal(3, _version.Value);
    }

    [Fact]
    public async Task MigrateAsync_DryRun_AsksEveryStepForADryRunAndRecordsNothing()
    {
        var first = Numbered(1);
        var outcome = await Migrations(first, Numbered(2)).MigrateAsync(dryRun: true, Operator, Origin);

        Assert.True(first.LastDryRun);
        Assert.Equal((0, 0, true), (outcome.From, outcome.To, outcome.DryRun));
        Assert.Equal(2, outcome.Steps.Count);
        Assert.Equal(0, _version.Value);
        Assert.Empty(_log.Looks);
    }

    [Fact]
    public async Task MigrateAsync_TablesFromANewerRelease_RefusedNamingBothVersionsAndNothingRuns()
    {
        _version.Value = 4;

        var refused = await Assert.ThrowsAsync<StorageVersionException>(() => Migrations(Numbered(1), Numbered(2)).MigrateAsync(dryRun: false, Operator, Origin));

        Assert.Contains("storage version 4", refused.Message, StringComparison.Ordinal);
        Assert.Contains("versions up to 2", refused.Message, StringComparison.Ordinal);
        Assert.Empty(_ran);
        Assert.Equal(4, _version.Value);
    }

    [Fact]
    public void Constructor_StepsWithAGap_Refused()
    {
        var refused = Assert.Throws<ArgumentException>(() => Migrations(Numbered(1), Numbered(3)));

        Assert.Contains("numbered 1 to 2 without gaps; found 1, 3", refused.Message, StringComparison.Ordinal);
    }

    private sealed class VersionStore : IStorageVersionStore
    {
        public int Value { get; set; }

        public Task<int> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(Value);

        public Task SetAsync(int version, CancellationToken cancellationToken = default)
        {
            Value = version;
            return Task.CompletedTask;
        }
    }

    private sealed class Step(int version, long changes, Exception? fails, List<int> ran) : IStorageMigration
    {
        public int Version => version;

        public string Title => $"Step {version}";

        public bool LastDryRun { get; private set; }

        public Task<MigrationStep> ApplyAsync(bool dryRun, CancellationToken cancellationToken = default)
        {
            if (fails is not null)
            {
                throw fails;
            }

            LastDryRun = dryRun;
            ran.Add(version);
            return Task.FromResult(new MigrationStep(version, Title, changes, $"{changes} rows"));
        }
    }
}
