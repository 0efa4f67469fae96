using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using QaBot.Core.Governance;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Infrastructure.Storage;
using QaBot.Testing.Storage;

namespace QaBot.Benchmarks;

/// <summary>
/// Subject access and erasure at scale (docs/privacy.md): loads N synthetic items, then finds every row naming the
/// person with the most history (as <c>qabot people export</c> does) and pseudonymises them (as <c>qabot people
/// erase</c> does), printing each step's time, the rows read and the rows found. <c>--subject-access 200000</c>.
/// </summary>
internal static class SubjectAccessBench
{
    public static async Task RunAsync(TextWriter output, int count)
    {
        var storage = new TestStorage();
        var tables = new StorageTables(storage.Service, storage.Prefix);
        await new StorageInitializer(tables, NullLogger<StorageInitializer>.Instance).InitializeAsync();
        try
        {
            var synthetic = SyntheticItems.Create(count);
            var clock = Stopwatch.StartNew();
            var added = await new TableTrackingStore(tables, TimeProvider.System, NullLogger<TableTrackingStore>.Instance)
                .AddIfAbsentAsync(synthetic.Items, new AuditOrigin("benchmark"));
            output.WriteLine(Line($"Loaded {added:N0} items in {clock.Elapsed.TotalSeconds:F0} s."));
            var directory = new TableDirectoryStore(tables);
            foreach (var area in synthetic.Tree.AllIncludingRetired)
            {
                await directory.SaveAreaAsync(area, null, new AuditEntry(TimeProvider.System.GetUtcNow(), Actor.System("benchmark"), "area-added", "area:" + area.Id.Value, area.Name, new AuditOrigin("benchmark")));
            }

            var busiest = synthetic.Items.GroupBy(i => i.Current.Owner).OrderByDescending(g => g.Count()).First();
            var first = busiest.Min(i => i.Current.Due);
            var last = busiest.Max(i => i.Current.Due);
            output.WriteLine(Line($"The person: {busiest.Count():N0} items due {first:yyyy-MM-dd} to {last:yyyy-MM-dd} (about {busiest.Count() / 50.0:F0} years of a practitioner's duties at 50 a year)."));
            var person = new PersonMarks(busiest.Key, "busiest.person@council.example", "Busiest Person");
            var records = new TablePersonalRecords(tables);
            foreach (var (name, reader) in new[] { ("one table at a time, each read whole", new TablePersonalRecords(tables, parallelism: 1)), ("eight reads at once", records) })
            {
                storage.Counter.Reset();
                clock.Restart();
                var found = await reader.FindAsync(person);
                output.WriteLine(Line($"Find (the export's read), {name}: {found.Count:N0} rows naming the person among {storage.Counter.Entities:N0} rows read, in {clock.Elapsed.TotalSeconds:F1} s ({storage.Counter.Entities / clock.Elapsed.TotalSeconds:N0} rows/s, {storage.Counter.Requests:N0} requests)."));
            }

            storage.Counter.Reset();
            clock.Restart();
            var pseudonym = new PersonMarks(new PersonId("erased-0000"), "erased-0000@erased.invalid", "Erased person 0000");
            var changed = await records.PseudonymiseAsync(person, pseudonym);
            output.WriteLine(Line($"Erase: {changed.Sum(c => c.Rows):N0} rows rewritten in {clock.Elapsed.TotalSeconds:F1} s ({storage.Counter.Requests:N0} requests)."));
        }
        finally
        {
            foreach (var table in tables.All)
            {
                await table.DeleteAsync();
            }
        }
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
