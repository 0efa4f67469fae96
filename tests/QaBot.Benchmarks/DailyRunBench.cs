using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using QaBot.Application.Organisation;
using QaBot.Application.Reminders;
using QaBot.Application.Storage;
using QaBot.Composition;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Testing;
using QaBot.Testing.Organisation;
using QaBot.Testing.Storage;

namespace QaBot.Benchmarks;

/// <summary>
/// The 09:00 run for a department of N staff (<c>--daily-run 10000</c>): a directory of divisions, localities and teams
/// of 25 (a team manager and 24 staff) with the shipped framework's roles, then the reminder run as the timer starts it
/// on a Monday morning (working out what is due, creating the items, queueing one digest each), timed end to end, then
/// the next morning's run, when the items already exist.
/// </summary>
internal static class DailyRunBench
{
    public static async Task RunAsync(TextWriter output, int staff)
    {
        var prefix = Azurite.UniqueName("d");
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.Instance.ConnectionString,
            ["Storage:TablePrefix"] = prefix,
            ["Reminders:QueueName"] = Azurite.UniqueName("dq"),
        };
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddQaBot(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        var trips = new EntityCounter();
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(trips, HttpPipelinePosition.PerCall);
        var times = new RequestTimes { TablePrefix = prefix };
        tableOptions.AddPolicy(times, HttpPipelinePosition.PerCall);
        services.Replace(ServiceDescriptor.Singleton(new TableServiceClient(Azurite.Instance.ConnectionString, tableOptions)));
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IStorageInitializer>().InitializeAsync();

        var clock = Stopwatch.StartNew();
        var (areas, people) = Department(staff);
        var directory = provider.GetRequiredService<IDirectoryStore>();
        var audit = new AuditEntry(TimeProvider.System.GetUtcNow(), Actor.System("benchmark"), "added", "benchmark", "benchmark", new AuditOrigin("benchmark"));
        foreach (var area in areas)
        {
            await directory.SaveAreaAsync(area, null, audit with { Subject = "area:" + area.Id.Value });
        }

        await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (p, ct) =>
            await directory.SavePersonAsync(p, null, audit with { Subject = "person:" + p.Id.Value }, ct));
        output.WriteLine(Line($"Directory: {areas.Count:N0} areas and {people.Count:N0} people saved in {clock.Elapsed.TotalSeconds:F0} s."));

        var runner = provider.GetRequiredService<ReminderRunner>();
        foreach (var (label, at) in new[] { ("first run (Monday 30 November 2026, 09:00)", new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero)), ("next morning (Tuesday 1 December, 09:00)", new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)) })
        {
            trips.Reset();
            times.Reset();
            clock.Restart();
            var outcome = await runner.RunAsync(at, CancellationToken.None);
            var seconds = clock.Elapsed.TotalSeconds;
            output.WriteLine(Line(
                $"The 09:00 run, {label}: {outcome.Runs.Sum(r => r.ItemsCreated):N0} items created, {outcome.Runs.Sum(r => r.Digests):N0} digests queued, in {seconds:F1} s ({trips.Requests:N0} table requests)."));
            output.WriteLine("  Where the table requests' time went (time from sending to the answer, summed over requests running side by side):");
            foreach (var line in times.Summary(8))
            {
                output.WriteLine("  " + line);
            }
        }
    }

    /// <summary>An Executive Director, five divisions of ten localities of eight teams (or fewer, to make up <paramref name="staff"/>).</summary>
    private static (List<Area> Areas, List<Person> People) Department(int staff)
    {
        var root = AreaId.Root("Children's Services");
        var areas = new List<Area> { new(root, "Children's Services", AreaKind.Department) };
        var people = new List<Person>();
        var n = 0;
        Person Add(AreaId area, PersonId? manager, params string[] roles)
        {
            var person = TestDirectory.NewPerson(++n, area, manager, [.. roles.Select(r => new RoleId(r))]);
            people.Add(person);
            return person;
        }

        var executive = Add(root, null, "executive-director", "all-staff");
        for (var d = 1; d <= 5 && people.Count < staff; d++)
        {
            var division = root.Child($"Division {d}");
            areas.Add(new Area(division, $"Division {d}", AreaKind.Division));
            var director = Add(division, executive.Id, "service-director", "all-staff");
            for (var l = 1; l <= 10 && people.Count < staff; l++)
            {
                var locality = division.Child($"Locality {l}");
                areas.Add(new Area(locality, $"Locality {l}", AreaKind.Locality));
                var head = Add(locality, director.Id, "assistant-director-head-of-service", "all-staff");
                for (var t = 1; t <= 8 && people.Count < staff; t++)
                {
                    var team = locality.Child($"Team {t}");
                    areas.Add(new Area(team, $"Team {t}", AreaKind.Team));
                    var manager = Add(team, head.Id, "team-manager", "all-staff");
                    for (var s = 0; s < 24 && people.Count < staff; s++)
                    {
                        Add(team, manager.Id, "all-staff");
                    }
                }
            }
        }

        return (areas, people);
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
