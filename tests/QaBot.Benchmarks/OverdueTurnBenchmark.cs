using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Compliance;
using QaBot.Application.Conversations;
using QaBot.Application.Dashboard;
using QaBot.Application.Organisation;
using QaBot.Application.Organisation.Import;
using QaBot.Application.Storage;
using QaBot.Application.Tracking;
using QaBot.Composition;
using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Organisation.Import;
using QaBot.Core.Tracking;
using QaBot.Testing;
using QaBot.Testing.Organisation;
using QaBot.Testing.Storage;

namespace QaBot.Benchmarks;

/// <summary>
/// Turn time of "what's overdue in my area" at department scale (docs/benchmarks.md): a directory of four divisions
/// of 2,000 staff each and 200,000 items (<see cref="SyntheticItems"/>) in Azurite, then the bot's own turn handler
/// answering the question again and again for a director, a team manager and the Executive Director, exactly as a
/// message from Teams reaches it (directory lookup, scope, key-range reads, names, the card). Prints the median and
/// the 95th percentile. Run with <c>--overdue-turn</c>; QABOT_BENCH_ITEMS and QABOT_BENCH_TURNS change the sizes.
/// </summary>
internal static class OverdueTurnBenchmark
{
    private const int Divisions = 4;
    private const int Localities = 5;
    private const int Teams = 10;
    private const int PeoplePerTeam = 40;

    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    public static async Task RunAsync(TextWriter output)
    {
        var count = Setting("QABOT_BENCH_ITEMS", 200_000);
        var turns = Setting("QABOT_BENCH_TURNS", 40);

        // The test storage client carries a counter of the entities the table service sends back, so each answer's reads are printed.
        var requestTimes = new RequestTimes();
        var storage = new TestStorage(requestTimes);
        requestTimes.TablePrefix = storage.Prefix;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.Instance.ConnectionString,
            ["Storage:TablePrefix"] = storage.Prefix,
        }).Build();
        await using var services = new ServiceCollection()
            .AddSingleton(storage.Service)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(new FakeTimeProvider(Now))
            .AddQaBot(configuration)
            .BuildServiceProvider();
        await services.GetRequiredService<IStorageInitializer>().InitializeAsync();

        var data = SyntheticItems.Create(count, Divisions, Localities, Teams, PeoplePerTeam);
        var (areas, people, keyPeople) = Directory(data);
        var directory = services.GetRequiredService<IDirectoryStore>();
        var plan = DirectoryImportPlanner.Plan(new DirectoryImportInput(
            "benchmark people", people, "benchmark areas", areas,
            services.GetRequiredService<FrameworkCatalogue>().Roles.Select(r => r.Id).ToHashSet(),
            await directory.GetSnapshotAsync(), Person.Sources.Demo, SyntheticItems.AsOf,
            services.GetRequiredService<OrganisationPolicy>()));
        if (!plan.IsValid)
        {
            throw new InvalidOperationException("The benchmark's directory does not import: " + string.Join("; ", plan.Problems.Take(5)));
        }

        var origin = new AuditOrigin("benchmark");
        var clock = Stopwatch.StartNew();
        await services.GetRequiredService<DirectoryImporter>().ApplyAsync(plan, Actor.System("benchmark"), origin);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// Directory: {people.Count:N0} people in {areas.Count} areas, imported in {clock.Elapsed.TotalSeconds:F1} s."));
        clock.Restart();
        var added = await services.GetRequiredService<ITrackingStore>().AddIfAbsentAsync(data.Items, origin);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// Items: {added:N0} loaded in {clock.Elapsed.TotalSeconds:F1} s."));

        var handler = services.GetRequiredService<ITurnHandler>();
        var department = data.Tree.Root!.Id;
        foreach (var (who, person, times, area) in new[]
        {
            ("director (one division, 2,000 staff)", keyPeople.Director, turns, data.Division),
            ("team manager (one team)", keyPeople.TeamManager, turns, data.Items[0].Current.Area),
            ("Executive Director (the department, 8,000 staff)", keyPeople.ExecutiveDirector, Math.Max(5, turns / 4), department),
        })
        {
            var samples = await MeasureAsync(handler, person, times, storage.Counter);
            var areasInScope = data.Tree.Areas.Count(a => a.Id.IsWithin(area));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// {who}: {times} turns, median {Percentile(samples, 0.5):F0} ms, p95 {Percentile(samples, 0.95):F0} ms, min {samples[0]:F0} ms, max {samples[^1]:F0} ms; card {samples.CardBytes:N0} bytes; entities read per answer at most {samples.MostEntities:N0} ({areasInScope} areas in scope, {OverdueQuery.ItemsPerPage} items shown), requests per answer at most {samples.MostRequests:N0}."));
        }

        await OneReadAsync(output, services, data.Items[0].Current.Area);

        foreach (var (who, person, times) in new[]
        {
            ("director", keyPeople.Director, turns),
            ("Executive Director", keyPeople.ExecutiveDirector, Math.Max(5, turns / 4)),
        })
        {
            var samples = await MeasureAsync(handler, person, times, storage.Counter, "how are we doing", "On time in");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// \"how are we doing\", {who}: {times} turns, median {Percentile(samples, 0.5):F0} ms, p95 {Percentile(samples, 0.95):F0} ms; card {samples.CardBytes:N0} bytes."));
        }

        foreach (var (who, person, times) in new[]
        {
            ("director", keyPeople.Director, turns),
            ("Executive Director", keyPeople.ExecutiveDirector, Math.Max(5, turns / 4)),
        })
        {
            await DashboardAsync(output, services, who, person, times);
        }

        await ReportAsync(output, services, data.Tree.Root!.Id);
        await UpdatesAsync(output, services, data, storage.Counter, requestTimes);
    }

    /// <summary>
    /// What an item update costs at this size: nudges (which change no count, so the model writes nothing) and replies
    /// marking items done (which move a count in the item's month cell and its area's open tally), one at a time across
    /// the department's teams, with the requests each made and where they went.
    /// </summary>
    private static async Task UpdatesAsync(TextWriter output, IServiceProvider services, SyntheticItems data, EntityCounter counter, RequestTimes times)
    {
        var updates = Setting("QABOT_BENCH_UPDATES", 200);
        var tracking = services.GetRequiredService<ITrackingStore>();
        var open = data.Items.Select(i => i.Current).Where(i => i.IsOutstanding).ToList();
        var step = Math.Max(1, open.Count / (2 * updates));
        var chosen = Enumerable.Range(0, Math.Min(2 * updates, open.Count / step)).Select(n => open[n * step]).ToList();
        var at = Now.AddMinutes(-5);

        var nudges = await UpdateEachAsync(chosen.Where((_, n) => n % 2 == 0), item => ItemTransitions.Nudge(item, new ItemNudge(item.Id, item.Owner, at, new AuditOrigin("benchmark"))));
        times.Reset();
        var replies = await UpdateEachAsync(chosen.Where((_, n) => n % 2 == 1), item => ItemTransitions.Reply(item, TestItems.Reply(item, ReplyKind.Done, DateOnly.FromDateTime(at.UtcDateTime), "benchmark", at)));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Item updates: {nudges.Requests.Count} nudges, requests each mean {nudges.Requests.Average():F2} (min {nudges.Requests.Min()}, max {nudges.Requests.Max()}), median {Percentile(nudges.Times, 0.5):F0} ms; " +
            $"{replies.Requests.Count} replies (done), requests each mean {replies.Requests.Average():F2} (min {replies.Requests.Min()}, max {replies.Requests.Max()}), median {Percentile(replies.Times, 0.5):F0} ms, p95 {Percentile(replies.Times, 0.95):F0} ms."));
        output.WriteLine("// Where the replies' requests went:");
        foreach (var line in times.Summary(12))
        {
            output.WriteLine("//   " + line);
        }

        // A team catching up, oldest first: each closing takes a key the area's open tally keeps and reads nothing more;
        // the repair pass before the next reminder run fills the keys again, off the write path.
        var catchUp = new List<TrackedItem>();
        foreach (var team in open.Select(i => i.Area).Distinct().Take(4))
        {
            catchUp.AddRange(await tracking.GetOutstandingKeptInAsync(team, DateOnly.MinValue, DateOnly.FromDateTime(Now.UtcDateTime), 25));
        }

        times.Reset();
        var oldestFirst = await UpdateEachAsync(catchUp, item => ItemTransitions.Reply(item, TestItems.Reply(item, ReplyKind.Done, DateOnly.FromDateTime(at.UtcDateTime), "catch-up", at)));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Catching up oldest first: {oldestFirst.Requests.Count} replies in 4 teams, requests each mean {oldestFirst.Requests.Average():F2} (min {oldestFirst.Requests.Min()}, max {oldestFirst.Requests.Max()}); {times.Count("Outstanding query")} read the next keys of an area's Outstanding rows."));
        var compliance = services.GetRequiredService<IComplianceStore>();
        var spent = (await compliance.GetOpenAsync(null)).Count(t => t.NeedsOldest);
        counter.Reset();
        var pass = Stopwatch.StartNew();
        await tracking.RepairAsync(TimeSpan.FromMinutes(5));
        pass.Stop();
        var requests = counter.Requests;
        var left = (await compliance.GetOpenAsync(null)).Count(t => t.NeedsOldest);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// The repair pass after it: {requests} requests in {pass.Elapsed.TotalMilliseconds:F0} ms; open tallies short of a page of oldest keys {spent} before, {left} after."));

        async Task<(List<long> Requests, List<double> Times)> UpdateEachAsync(IEnumerable<TrackedItem> items, Func<TrackedItem, ItemChange?> change)
        {
            var requests = new List<long>();
            var samples = new List<double>();
            foreach (var item in items)
            {
                counter.Reset();
                var clock = Stopwatch.StartNew();
                var result = await tracking.UpdateAsync(item.Key, change);
                clock.Stop();
                if (result.Status != ItemUpdateStatus.Updated)
                {
                    throw new InvalidOperationException($"Item {item.Id} was not updated: {result.Status}.");
                }

                requests.Add(counter.Requests);
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }

            samples.Sort();
            return (requests, samples);
        }
    }

    /// <summary>
    /// The dashboard's first view (this month, every duty, the viewer's own area) as its API works it out: the query
    /// over the model's cells and open tallies and, for a manager, their people. Sign-in and the JSON are left out.
    /// </summary>
    private static async Task DashboardAsync(TextWriter output, IServiceProvider services, string who, PersonId person, int times)
    {
        var query = services.GetRequiredService<DashboardQuery>();
        var tree = await services.GetRequiredService<AreaTreeCache>().GetAsync(CancellationToken.None);
        var viewer = await services.GetRequiredService<IDirectoryStore>().GetPersonAsync(person)
            ?? throw new InvalidOperationException($"The benchmark's {who} is not in the directory.");
        var asOf = DateOnly.FromDateTime(Now.UtcDateTime);
        var samples = await TimeAsync(times, () => query.RunAsync(viewer, tree, asOf, DashboardRequest.Default));
        var compliance = services.GetRequiredService<IComplianceStore>();
        var area = viewer.Areas[0];
        var month = ReportMonth.Of(asOf);
        var first = ReportMonth.Of(month.FirstDay.AddMonths(-12));
        var cells = 0;
        var cellReads = await TimeAsync(times, async () => cells = (await compliance.GetCellsAsync(area, first, month)).Count);
        var tallyReads = await TimeAsync(times, () => compliance.GetOpenAsync(area));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Dashboard, {who}: {times} views, median {Percentile(samples, 0.5):F0} ms, p95 {Percentile(samples, 0.95):F0} ms; of which read on their own: {cells:N0} cells of {first} to {month}, median {Percentile(cellReads, 0.5):F0} ms; the open tallies, median {Percentile(tallyReads, 0.5):F0} ms."));
    }

    /// <summary>Runs <paramref name="work"/> twice unmeasured, then <paramref name="times"/> times; the times in milliseconds, sorted.</summary>
    private static async Task<List<double>> TimeAsync(int times, Func<Task> work)
    {
        var samples = new List<double>();
        for (var i = 0; i < times + 2; i++)
        {
            var clock = Stopwatch.StartNew();
            await work();
            clock.Stop();
            if (i >= 2)
            {
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        samples.Sort();
        return samples;
    }

    /// <summary>
    /// What one request costs this table service: a single key-range read of one team's ten oldest outstanding items,
    /// the smallest read an answer makes. An answer's time is roughly its requests times this.
    /// </summary>
    private static async Task OneReadAsync(TextWriter output, IServiceProvider services, AreaId team)
    {
        var tracking = services.GetRequiredService<ITrackingStore>();
        var samples = await TimeAsync(20, () => tracking.GetOutstandingKeptInAsync(team, DateOnly.MinValue, DateOnly.FromDateTime(Now.UtcDateTime), OverdueQuery.ItemsPerPage));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// One key-range read of a team's ten oldest outstanding items: median {Percentile(samples, 0.5):F1} ms, p95 {Percentile(samples, 0.95):F1} ms."));
    }

    /// <summary>The QA team's twelve-month report for the whole department, every breakdown, timed end to end from storage.</summary>
    private static async Task ReportAsync(TextWriter output, IServiceProvider services, AreaId department)
    {
        var query = services.GetRequiredService<ComplianceReportQuery>();
        var to = ReportMonth.Of(DateOnly.FromDateTime(Now.UtcDateTime));
        var from = ReportMonth.Of(to.FirstDay.AddMonths(-11));
        var lines = 0;
        var samples = await TimeAsync(5, async () =>
        {
            lines = 0;
            foreach (var grouping in Enum.GetValues<ComplianceGrouping>())
            {
                lines += (await query.RunAsync(new ComplianceReportRequest(department, from, to, grouping, ReportAudience.Officers, DateOnly.FromDateTime(Now.UtcDateTime)))).Count;
            }
        });
        var cells = (await services.GetRequiredService<IComplianceStore>().GetCellsAsync(department, from.Previous(), to)).Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Compliance report, the department, {from} to {to}, by area, duty and month ({lines:N0} lines from {cells:N0} cells): median {Percentile(samples, 0.5):F0} ms, max {samples[^1]:F0} ms."));
    }

    private static async Task<Samples> MeasureAsync(ITurnHandler handler, PersonId person, int times, EntityCounter counter, string text = "what's overdue in my area", string heading = "Overdue in")
    {
        var turn = new IncomingTurn
        {
            Kind = TurnKind.Message,
            ActivityId = "benchmark",
            Sender = new TurnSender(person, "29:" + person.Value),
            Reference = new ConversationReference(person, "msteams", "https://smba.trafficmanager.net/uk/", "a:" + person.Value, "29:" + person.Value, "28:bot", "tenant"),
            ChannelId = "msteams",
            ConversationId = "a:" + person.Value,
            ConversationKind = ConversationKind.Personal,
            Text = text,
        };

        // Two turns first, unmeasured: the area tree cache and connections warm up as they would after start-up.
        var cardBytes = 0;
        for (var i = 0; i < 2; i++)
        {
            cardBytes = Answer(await handler.HandleAsync(turn, CancellationToken.None), heading);
        }

        var samples = new Samples { CardBytes = cardBytes };
        for (var i = 0; i < times; i++)
        {
            counter.Reset();
            var clock = Stopwatch.StartNew();
            var result = await handler.HandleAsync(turn, CancellationToken.None);
            clock.Stop();
            Answer(result, heading);
            samples.Add(clock.Elapsed.TotalMilliseconds);
            samples.MostEntities = Math.Max(samples.MostEntities, counter.Entities);
            samples.MostRequests = Math.Max(samples.MostRequests, counter.Requests);
        }

        samples.Sort();
        return samples;
    }

    /// <summary>The answer's size, after checking it is the overdue card and not an error or a fallback.</summary>
    private static int Answer(TurnResult result, string heading)
    {
        var card = result.Replies.Single().CardJson ?? throw new InvalidOperationException("The answer was not a card: " + result.Replies.Single().Text);
        if (!card.Contains(heading, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The answer was not the overdue card: " + card[..Math.Min(300, card.Length)]);
        }

        return System.Text.Encoding.UTF8.GetByteCount(card);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>
    /// Areas and people matching <see cref="SyntheticItems"/>: the same area tree, and each team's staff with the
    /// ids the items' owners have, managed by a team manager, a head of service per locality and a director per division.
    /// </summary>
    private static (List<AreaRow> Areas, List<PersonRow> People, (PersonId ExecutiveDirector, PersonId Director, PersonId TeamManager) Key) Directory(SyntheticItems data)
    {
        var areas = new List<AreaRow>();
        var people = new List<PersonRow>();
        var serial = 0;

        string Add(string path, string title, string roles, string? manager, string? id = null)
        {
            var upn = string.Create(CultureInfo.InvariantCulture, $"person{++serial}@council.example");
            id ??= string.Create(CultureInfo.InvariantCulture, $"b0000000-0000-4000-8000-{serial:D12}");
            people.Add(new PersonRow(people.Count + 2, id, upn, string.Create(CultureInfo.InvariantCulture, $"Staff Member {serial}"), title, roles, path, manager ?? string.Empty, "2020-01-01"));
            return upn;
        }

        void Area(Area area) => areas.Add(new AreaRow(areas.Count + 2, data.Tree.PathOf(area.Id), area.Kind.ToString().ToLowerInvariant()));

        var root = data.Tree.Root!;
        Area(root);
        var executive = Add(data.Tree.PathOf(root.Id), "Executive Director of Children's Services", "executive-director", null);
        var teamIndex = 0;
        foreach (var division in data.Tree.Children(root.Id))
        {
            Area(division);
            var director = Add(data.Tree.PathOf(division.Id), "Service Director", "service-director", executive);
            foreach (var locality in data.Tree.Children(division.Id))
            {
                Area(locality);
                var head = Add(data.Tree.PathOf(locality.Id), "Head of Service", "assistant-director-head-of-service", director);
                foreach (var team in data.Tree.Children(locality.Id))
                {
                    Area(team);
                    var path = data.Tree.PathOf(team.Id);
                    var manager = Add(path, "Team Manager", "team-manager;all-staff", head);
                    for (var k = 0; k < PeoplePerTeam; k++)
                    {
                        // The owners SyntheticItems gives this team's items.
                        Add(path, "Social Worker", "all-staff", manager, string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-{teamIndex:D4}-{k:D12}"));
                    }

                    teamIndex++;
                }
            }
        }

        var ids = people.ToDictionary(p => p.Upn, p => new PersonId(p.ObjectId));
        var firstDirector = people.First(p => p.Roles == "service-director");
        var firstManager = people.First(p => p.Roles.StartsWith("team-manager", StringComparison.Ordinal));
        return (areas, people, (ids[executive], new PersonId(firstDirector.ObjectId), new PersonId(firstManager.ObjectId)));
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    private sealed class Samples : List<double>
    {
        public int CardBytes { get; init; }

        /// <summary>The most entities the table service sent back for one answer (every table: directory, index, model).</summary>
        public long MostEntities { get; set; }

        /// <summary>The most requests one answer made to the table service.</summary>
        public long MostRequests { get; set; }
    }
}
