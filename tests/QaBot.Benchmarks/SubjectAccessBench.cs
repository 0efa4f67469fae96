using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using QaBot.Application.Governance;
using QaBot.Core.Governance;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Infrastructure.Storage;
using QaBot.Testing.Storage;

namespace QaBot.Benchmarks;

/// <summary>
/// Subject access and erasure at scale (docs/privacy.md): loads N synthetic items, then finds every row naming the
/// person with the most history (as <c>qabot people export</c> does) by reading every table, builds the person index,
/// finds them again through it, writes a day's changes and finds them again (the index and what was written since),
/// brings the index up to date, and pseudonymises them (as <c>qabot people erase</c> does), printing each step's time,
/// the rows read and the rows found. <c>--subject-access 200000</c>.
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
            var people = synthetic.Items.Select(i => i.Current.Owner).Distinct().Select((id, n) => id == busiest.Key ? person : new PersonMarks(id, $"person.{n:D5}@council.example", $"Synthetic Person {n:D5}")).ToList();

            // No margin: the pass's start is taken as its Through, as if it ran long after these rows were written.
            var records = new TablePersonalRecords(tables, TablePersonalRecords.DefaultParallelism, indexMargin: TimeSpan.Zero);
            var whole = count <= 50_000
                ? new[] { ("one table at a time, each read whole", new TablePersonalRecords(tables, parallelism: 1)), ("every table whole, eight reads at once", records) }
                : [("every table whole, eight reads at once", records)];
            IReadOnlyList<HeldRecord> expected = [];
            foreach (var (name, reader) in whole)
            {
                storage.Counter.Reset();
                clock.Restart();
                expected = (await reader.FindAsync(person, useIndex: false, CancellationToken.None)).Rows;
                output.WriteLine(Line($"Find (the export's read), {name}: {expected.Count:N0} rows naming the person among {storage.Counter.Entities:N0} rows read, in {clock.Elapsed.TotalSeconds:F1} s ({storage.Counter.Entities / clock.Elapsed.TotalSeconds:N0} rows/s, {storage.Counter.Requests:N0} requests)."));
            }

            storage.Counter.Reset();
            clock.Restart();
            var built = await records.UpdateIndexAsync(people);
            output.WriteLine(Line($"Person index built for {people.Count:N0} people: {built.RowsRead:N0} rows read, {built.Entries:N0} entries written, in {clock.Elapsed.TotalSeconds:F1} s ({storage.Counter.Requests:N0} requests)."));
            await FindThroughIndexAsync(output, storage, records, person, expected.Count, "just after the pass");

            // A day's work: a reply's worth of rows for one item in a hundred, a few naming the person.
            var day = synthetic.Items.Where((_, n) => n % 100 == 0).ToList();
            clock.Restart();
            foreach (var chunk in day.Chunk(100))
            {
                await Task.WhenAll(chunk.Select((item, n) => tables.Items.UpsertEntityAsync(
                    new Azure.Data.Tables.TableEntity("day.", $"r|{item.Current.Id.Value}|day") { ["Owner"] = item.Current.Owner.Value, ["Note"] = n % 10 == 0 ? "Discussed with Busiest Person" : "Discussed" })));
            }

            var named = day.Where((item, n) => item.Current.Owner == busiest.Key || n % 100 % 10 == 0).Count();
            output.WriteLine(Line($"A day's writes: {day.Count:N0} rows in {clock.Elapsed.TotalSeconds:F1} s, {named:N0} naming the person."));
            await FindThroughIndexAsync(output, storage, records, person, expected.Count + named, "a day's writes after the pass");
            storage.Counter.Reset();
            clock.Restart();
            var next = await records.UpdateIndexAsync(people);
            output.WriteLine(Line($"The next pass: {next.RowsRead:N0} rows read, {next.Entries:N0} entries written, in {clock.Elapsed.TotalSeconds:F1} s ({storage.Counter.Requests:N0} requests)."));

            storage.Counter.Reset();
            clock.Restart();
            var pseudonym = new PersonMarks(new PersonId("erased-0000"), "erased-0000@erased.invalid", "Erased person 0000");
            var changed = await records.PseudonymiseAsync(person, pseudonym);
            output.WriteLine(Line($"Erase: {changed.Sum(c => c.Rows):N0} rows rewritten in {clock.Elapsed.TotalSeconds:F1} s ({storage.Counter.Requests:N0} requests)."));
        }
        finally
        {
            foreach (var table in tables.All.Append(tables.Erasures).Append(tables.PersonIndex))
            {
                await table.DeleteAsync();
            }
        }
    }

    private static async Task FindThroughIndexAsync(TextWriter output, TestStorage storage, TablePersonalRecords records, PersonMarks person, int expected, string when)
    {
        storage.Counter.Reset();
        var clock = Stopwatch.StartNew();
        var found = (await records.FindAsync(person)).Rows;
        output.WriteLine(Line($"Find through the index, {when}: {found.Count:N0} rows (expected {expected:N0}) among {storage.Counter.Entities:N0} rows read, in {clock.Elapsed.TotalSeconds:F1} s ({storage.Counter.Requests:N0} requests)."));
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
