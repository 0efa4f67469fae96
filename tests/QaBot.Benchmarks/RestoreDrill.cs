using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QaBot.Core.Tracking;
using QaBot.Infrastructure.Storage;
using QaBot.Testing;
using QaBot.Testing.Storage;

namespace QaBot.Benchmarks;

/// <summary>
/// The restore drill at scale (docs/operations.md): loads synthetic items, takes a snapshot of every table, restores
/// it into a spare prefix and counts every table, printing the time of each step. <c>--restore-drill 200000</c>.
/// </summary>
internal static class RestoreDrill
{
    public static async Task RunAsync(TextWriter output, int count)
    {
        var storage = new TestStorage();
        var tables = new StorageTables(storage.Service, storage.Prefix);
        var drill = new StorageTables(storage.Service, storage.Prefix + "d");
        var container = Azurite.UniqueName("drill");
        var blobs = new BlobServiceClient(Azurite.Instance.ConnectionString);
        await new StorageInitializer(tables, NullLogger<StorageInitializer>.Instance).InitializeAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            var added = await new TableTrackingStore(tables, TimeProvider.System, NullLogger<TableTrackingStore>.Instance)
                .AddIfAbsentAsync(SyntheticItems.Create(count).Items, new AuditOrigin("benchmark"));
            output.WriteLine(Line($"Loaded {added:N0} items in {clock.Elapsed.TotalSeconds:F0} s."));

            var options = Options.Create(new BackupOptions { Container = container });
            clock.Restart();
            var manifest = await new BlobSnapshotStore(tables, blobs, options, TimeProvider.System).CreateAsync("drill", DateTimeOffset.UnixEpoch);
            output.WriteLine(Line($"Backup: {manifest.Rows:N0} rows in {manifest.Tables.Count} tables in {clock.Elapsed.TotalSeconds:F1} s ({manifest.Rows / clock.Elapsed.TotalSeconds:N0} rows/s)."));
            foreach (var table in manifest.Tables.Where(t => t.Rows > 0))
            {
                output.WriteLine(Line($"  {table.Table}: {table.Rows:N0} rows"));
            }

            clock.Restart();
            var outcome = await new BlobSnapshotStore(drill, blobs, options, TimeProvider.System).RestoreAsync($"{storage.Prefix}/drill", null);
            output.WriteLine(outcome.Problem is null
                ? Line($"Restore into empty tables, counted again: {outcome.Rows:N0} rows in {clock.Elapsed.TotalSeconds:F1} s ({outcome.Rows / clock.Elapsed.TotalSeconds:N0} rows/s).")
                : "Restore failed: " + outcome.Problem);
        }
        finally
        {
            foreach (var table in tables.All.Concat(drill.All))
            {
                await table.DeleteAsync();
            }

            await blobs.GetBlobContainerClient(container).DeleteIfExistsAsync();
        }
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
