using Azure.Data.Tables;
using QaBot.Core.Assurance;
using QaBot.Core.Tracking;
using QaBot.Demo;
using QaBot.Infrastructure.Storage;
using QaBot.Testing;
using QaBot.Testing.Contracts;

namespace QaBot.Cli.Tests.Governance;

[Trait("Category", "Storage")]
public sealed class RetentionCommandsTests(SeededCouncil council) : IClassFixture<SeededCouncil>
{
    // Six years on from the demo's history: items due before 1 Sep 2026, and QA records held, closed or dated before it,
    // are past the default six years; no audit entry is past seven.
    private const string AsOf = "2032-09-01";

    private TableClient Table(string name) => new TableServiceClient(Azurite.Instance.ConnectionString).GetTableClient(council.Cli.Prefix + name);

    private async Task<List<TableEntity>> RowsAsync(string table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table(table).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The compliance rows' counts; an open tally's oldest keys name items, whose ids pseudonymising a leaver rewrites.</summary>
    private async Task<List<string>> ComplianceFiguresAsync() =>
        (await RowsAsync("Compliance")).Where(r => r.PartitionKey != "model").Select(r => { r.Remove("Oldest"); return Describe(r); }).Order(StringComparer.Ordinal).ToList();

    private static string Describe(TableEntity row) =>
        row.PartitionKey + "/" + row.RowKey + ":" + string.Join(";", row.Where(p => p.Key is not ("odata.etag" or "Timestamp")).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    [Fact]
    public async Task RetentionApply_RemovesExactlyWhatIsPastItsPeriodResumesAfterAStopAndChangesNothingTheSecondTime()
    {
        var items = await RowsAsync("Items");
        var past = items.Where(r => r.RowKey.StartsWith("i|", StringComparison.Ordinal)
                && string.CompareOrdinal(r.GetString("Due"), "2026-09-01") < 0
                && r.GetString("Status") is not ("Open" or "Rescheduled"))
            .Select(r => (r.PartitionKey, Occurrence: r.RowKey[2..]))
            .ToHashSet();
        bool Removed(TableEntity r) => r.RowKey.Length > 2 && r.RowKey[0] is 'i' or 'r' or 'n' && r.RowKey[1] == '|'
            && past.Contains((r.PartitionKey, r.RowKey[0] == 'i' ? r.RowKey[2..] : r.RowKey[2..r.RowKey.LastIndexOf('|')]));
        var kept = items.Where(r => !Removed(r)).Select(Describe).Order(StringComparer.Ordinal).ToList();
        var compliance = await ComplianceFiguresAsync();
        Assert.True(past.Count > 100, $"the demo should have closed items from June to August, not {past.Count}");
        Assert.Contains(items, r => r.RowKey.StartsWith("i|", StringComparison.Ordinal) && string.CompareOrdinal(r.GetString("Due"), "2026-09-01") >= 0);

        // QA records: reviews held before 1 Sep 2026 with their trail rows, the demo's audit closed in August whole, and a
        // practice learning day held in August whole (the demo's days, in October and December, are kept).
        var august = await ArrangeLearningDayAsync(new DateOnly(2026, 8, 12));
        await PlanProgrammeAsync(2025);
        var assurance = await RowsAsync("Assurance");
        var pastReviews = assurance.Where(r => r.PartitionKey == "review" && r.RowKey.StartsWith("r|", StringComparison.Ordinal)
            && string.CompareOrdinal(r.GetString("HeldOn"), "2026-09-01") < 0).Select(r => r.RowKey[2..]).ToHashSet();
        var closedAudits = assurance.Where(r => r.RowKey == "h" && r.GetDateTimeOffset("ClosedAt") < new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero)).Select(r => r.PartitionKey).ToHashSet();
        var pastDays = assurance.Where(r => r.PartitionKey.StartsWith("learning-day|", StringComparison.Ordinal) && r.RowKey == "h"
            && string.CompareOrdinal(r.GetString("Date"), "2026-09-01") < 0).Select(r => r.PartitionKey).ToHashSet();
        var pastProgrammes = assurance.Where(r => r.PartitionKey.StartsWith("programme|2025|", StringComparison.Ordinal)).Select(r => r.PartitionKey).ToHashSet();
        Assert.Equal(5, assurance.Count(r => pastProgrammes.Contains(r.PartitionKey)));
        Assert.Contains(assurance, r => r.PartitionKey.StartsWith("programme|2027|", StringComparison.Ordinal));
        bool Expired(TableEntity r) => closedAudits.Contains(r.PartitionKey) || pastDays.Contains(r.PartitionKey) || pastProgrammes.Contains(r.PartitionKey)
            || (r.PartitionKey == "review" && pastReviews.Contains(r.RowKey[2..].Split('|')[0]));
        var assuranceKept = assurance.Where(r => !Expired(r)).Select(Describe).Order(StringComparer.Ordinal).ToList();
        Assert.True(pastReviews.Count > 5 && closedAudits.Count == 1, $"the demo should have reviews from the summer and one closed audit, not {pastReviews.Count} and {closedAudits.Count}");
        Assert.Contains(assurance, r => r.RowKey == "h" && !closedAudits.Contains(r.PartitionKey));
        Assert.Equal(["learning-day|" + august.Id], pastDays);
        Assert.Equal(1 + 3 + 3, assurance.Count(r => pastDays.Contains(r.PartitionKey)));
        Assert.Contains(assurance, r => r.PartitionKey.StartsWith("learning-day|", StringComparison.Ordinal) && r.RowKey == "h" && !pastDays.Contains(r.PartitionKey));

        var (previewExit, preview, previewError) = await council.Cli.RunAsync("retention", "preview", "--as-of", AsOf);
        Assert.True(previewExit == 0, previewError);
        Assert.Matches($@"closed items\s+{past.Count:N0}\b", preview);
        Assert.Equal(items.Count, (await RowsAsync("Items")).Count);
        Assert.Matches($@"QA records\s+{pastReviews.Count + closedAudits.Count + pastDays.Count + pastProgrammes.Count:N0}\b", preview);

        // A run that stopped part-way: one item's replies already gone, the item itself left for the next run.
        var (partition, occurrence) = past.First();
        foreach (var reply in items.Where(r => r.PartitionKey == partition && r.RowKey.StartsWith($"r|{occurrence}|", StringComparison.Ordinal)))
        {
            await Table("Items").DeleteEntityAsync(reply.PartitionKey, reply.RowKey);
        }

        var stoppedReview = pastReviews.First();
        foreach (var trail in assurance.Where(r => r.PartitionKey == "review" && r.RowKey.StartsWith($"a|{stoppedReview}|", StringComparison.Ordinal)))
        {
            await Table("Assurance").DeleteEntityAsync(trail.PartitionKey, trail.RowKey);
        }

        foreach (var trail in assurance.Where(r => pastDays.Contains(r.PartitionKey) && r.RowKey.StartsWith("a|", StringComparison.Ordinal)))
        {
            await Table("Assurance").DeleteEntityAsync(trail.PartitionKey, trail.RowKey);
        }

        var leaver = DemoCouncil.KeyPeople.ElectedMember.Value;
        var directory = Table("Directory");
        var record = (await directory.GetEntityAsync<TableEntity>("directory", "p|" + leaver)).Value;
        record["Active"] = false;
        record["LeftOn"] = "2026-01-30";
        await directory.UpdateEntityAsync(record, record.ETag);

        // Reminders are counted from today (20 Nov 2026, the clock of these tests), not from the later date asked:
        // planned for UTC days before 22 Aug 2026 (council midnight on 20 Nov, less 90 days: 00:00 UTC on 22 Aug).
        var reminders = await RowsAsync("Reminders");
        var planned = reminders.Count(r => string.CompareOrdinal(r.PartitionKey, "20260822") < 0);
        Assert.True(planned > 0 && planned < reminders.Count, $"the demo should have reminders planned before and after the cut-off, not {planned} of {reminders.Count}");

        var (exit, output, error) = await council.Cli.RunWithAsync([new("Cli:Operator", "ig.officer@council.example")], "retention", "apply", "--as-of", AsOf);

        Assert.True(exit == 0, error);
        Assert.Matches($@"closed items\s+{past.Count:N0}\b", output);
        Assert.Matches(@"leavers pseudonymised\s+1\b", output);
        Assert.Matches(@"audit entries\s+0\b", output);
        Assert.Contains("reminders planned or sent before Sat 22 Aug 2026", output, StringComparison.Ordinal);
        Assert.Matches($@"reminders planned\s+{planned:N0}\b", output);
        Assert.Equal(reminders.Count - planned, (await RowsAsync("Reminders")).Count);
        Assert.DoesNotContain(await RowsAsync("Reminders"), r => string.CompareOrdinal(r.PartitionKey, "20260822") < 0);
        var after = await RowsAsync("Items");
        Assert.DoesNotContain(after, Removed);
        Assert.Equal(kept.Count, after.Count);
        Assert.Equal(compliance, await ComplianceFiguresAsync());
        Assert.Contains("Compliance figures to August 2026 are sealed", output, StringComparison.Ordinal);
        Assert.Equal("2026-08", Assert.Single(await RowsAsync("Compliance"), r => r.PartitionKey == "model").GetString("Through"));

        // The summer's items are gone, but a rebuild over them leaves the figures reported for them as they were.
        var (rebuildExit, rebuilt, rebuildError) = await council.Cli.RunAsync("compliance", "rebuild", "--from", "2026-06", "--to", "2026-11");
        Assert.True(rebuildExit == 0, rebuildError);
        Assert.Contains("Months to 2026-08 are sealed", rebuilt, StringComparison.Ordinal);
        Assert.Equal(compliance, await ComplianceFiguresAsync());
        Assert.DoesNotContain(await RowsAsync("Directory"), r => r.RowKey.Contains(leaver, StringComparison.Ordinal));
        Assert.Equal(assuranceKept, (await RowsAsync("Assurance")).Select(Describe).Order(StringComparer.Ordinal).ToList());

        var (againExit, again, againError) = await council.Cli.RunAsync("retention", "apply", "--as-of", AsOf);
        Assert.True(againExit == 0, againError);
        Assert.Contains("Removed or pseudonymised 0;", again, StringComparison.Ordinal);
        Assert.Equal(after.Select(Describe).Order(StringComparer.Ordinal), (await RowsAsync("Items")).Select(Describe).Order(StringComparer.Ordinal));
        Assert.Equal(assuranceKept, (await RowsAsync("Assurance")).Select(Describe).Order(StringComparer.Ordinal).ToList());

        var (_, looks, _) = await council.Cli.RunAsync("audit", "--looks");
        Assert.Contains("retention-apply", looks, StringComparison.Ordinal);
        Assert.Contains("closed items as of 2032-09-01", looks, StringComparison.Ordinal);
    }

    /// <summary>The Executive Director's programme of visits for <paramref name="year"/> with two entries: a header, two entry rows, two trail rows.</summary>
    private async Task PlanProgrammeAsync(int year)
    {
        var store = new TableProgrammeStore(new StorageTables(new TableServiceClient(Azurite.Instance.ConnectionString), council.Cli.Prefix));
        var key = new ProgrammeKey(DemoCouncil.KeyPeople.ExecutiveDirector, new QaBot.Core.Framework.DutyId("exec-director-front-line-visits"), year);
        var by = Actor.Person(DemoCouncil.KeyPeople.ExecutiveDirector);
        foreach (var (number, what) in new[] { (1, "Chesterfield locality team"), (2, "Oakwood House children's home") })
        {
            var entry = new ProgrammeEntry(number, what, new ProgrammeWhen(year, number * 3, null), by, new DateTimeOffset(year - 1, 12, 1, 10, 0, 0, TimeSpan.Zero));
            Assert.True(await store.AddEntryAsync(key, entry, new Programme(key, []).AddedEntry(entry, new AuditOrigin("teams", null))));
        }
    }

    /// <summary>A practice learning day on <paramref name="date"/> with a third activity recorded and the day recorded as held: three trail rows, three activity rows.</summary>
    private async Task<LearningDay> ArrangeLearningDayAsync(DateOnly date)
    {
        var store = new TableLearningDayStore(new StorageTables(new TableServiceClient(Azurite.Instance.ConnectionString), council.Cli.Prefix));
        var origin = new AuditOrigin("cli", "learning-days");
        var day = LearningDayStoreContract.Day("Neglect in the summer", date);
        var on = new DateTimeOffset(date.ToDateTime(new TimeOnly(16, 0)), TimeSpan.Zero);
        var activity = new LearningActivity(3, LearningActivityKind.ShowMeTellMe, "Workers showed how they use the neglect toolkit.", null, null, day.CreatedBy, on);
        var held = new LearningDayOutcome(true, null, day.CreatedBy, on.AddDays(1));
        Assert.True(await store.AddAsync(day, day.ArrangedEntry(origin)));
        Assert.True(await store.AddActivityAsync(day.Id, activity, day.ActivityEntry(activity, origin)));
        Assert.True(await store.SetOutcomeAsync(day.Id, held, day.OutcomeEntry(held, origin)));
        return day;
    }
}
