using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QaBot.Application.Assurance;
using QaBot.Application.Cases;
using QaBot.Application.Configuration;
using QaBot.Application.Organisation;
using QaBot.Application.Installation;
using QaBot.Application.Tracking;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Demo;
using QaBot.Infrastructure.Storage;

namespace QaBot.Cli.Commands;

/// <summary><c>qabot demo seed</c>: load the fictional demo council, and its history from the schedule engine, into storage.</summary>
internal static class DemoCommands
{
    public static Command Create(CliContext context)
    {
        var demo = new Command("demo", "The fictional demo council, for trying QaBot out.");
        var asOf = new Option<string?>("--as-of") { Description = "The date the demo history runs up to (yyyy-MM-dd); default today." };
        var allowNonEmulator = new Option<bool>("--allow-non-emulator") { Description = "Seed a real storage account, not the local emulator. Needs --confirm-account." };
        var confirmAccount = new Option<string?>("--confirm-account") { Description = "With --allow-non-emulator: the storage account's name, typed back." };
        var seed = new Command("seed", "Load the demo council (about 300 people) and six months of history up to the as-of date into the local emulator. The same date always gives the same data; running it again adds nothing.")
        {
            asOf, allowNonEmulator, confirmAccount,
        };
        seed.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var services = context.Services;
            var target = StorageTarget.Describe(services.GetRequiredService<IOptions<StorageOptions>>().Value);
            if (RefusalFor(target, parseResult.GetValue(allowNonEmulator), parseResult.GetValue(confirmAccount)) is { } refusal)
            {
                await context.Error.WriteLineAsync(refusal).ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var calendar = services.GetRequiredService<CouncilCalendar>();
            var asOfText = parseResult.GetValue(asOf);
            DateOnly date;
            if (asOfText is null)
            {
                date = calendar.LocalDateOf(services.GetRequiredService<TimeProvider>().GetUtcNow());
            }
            else if (!DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                await context.Error.WriteLineAsync($"--as-of: '{asOfText}' is not a date in the form yyyy-MM-dd.").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var council = DemoCouncil.Create();

            // Someone the demo has already had leave (SeedWorkforceAsync) stays left when it is seeded again.
            await services.GetRequiredService<Application.Storage.IStorageInitializer>().InitializeAsync(cancellationToken).ConfigureAwait(false);
            var left = (await services.GetRequiredService<Application.Organisation.IDirectoryStore>().GetSnapshotAsync(cancellationToken).ConfigureAwait(false))
                .People.Where(p => !p.Value.Active).Select(p => p.Value.Id.Value).ToHashSet(StringComparer.Ordinal);
            var people = council.People.Where(p => !left.Contains(p.ObjectId)).ToList();
            var rows = new DirectoryImportInputRows("demo council people", people, "demo council areas", council.Areas);
            var origin = new AuditOrigin("cli", "demo seed");
            var (plan, result) = await DirectoryImportRun.RunAsync(context, rows, Person.Sources.Demo, dryRun: false, origin, cancellationToken).ConfigureAwait(false);
            if (!plan.IsValid)
            {
                await DirectoryImportRun.WriteProblemsAsync(context.Error, plan).ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            await context.Output.WriteLineAsync($"Demo council: {council.Areas.Count} areas, {council.People.Count} people.").ConfigureAwait(false);
            await DirectoryImportRun.WriteSummaryAsync(context.Output, plan, result!).ConfigureAwait(false);

            IReadOnlyList<NewItem> history;
            try
            {
                history = DemoHistory.Create(plan.Desired!, services.GetRequiredService<ScheduleEngine>(), date);
            }
            catch (CalendarDataMissingException e)
            {
                await context.Error.WriteLineAsync($"--as-of {date:yyyy-MM-dd}: {e.Message}").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var added = await services.GetRequiredService<ITrackingStore>().AddIfAbsentAsync(history, origin, cancellationToken).ConfigureAwait(false);
            var current = history.Select(h => h.Current).ToList();
            var rules = services.GetRequiredService<ScheduleRules>();
            await context.Output.WriteLineAsync(
                $"History to {date:yyyy-MM-dd}: {history.Count} items ({added} added): {current.Count(i => i.Status == ItemStatus.Done)} done, " +
                $"{current.Count(i => i.Status == ItemStatus.Rescheduled)} rescheduled, {current.Count(i => i.Status == ItemStatus.NotApplicable)} not applicable, " +
                $"{current.Count(i => rules.IsOverdue(i, date))} overdue, {current.Count(i => i.IsOutstanding && !rules.IsOverdue(i, date))} still to come.").ConfigureAwait(false);
            // Open cases for the IROs, CP chairs and the complaints manager, imported as a council would bring its own in.
            var cases = DemoCases.Create(council, date);
            var imported = await services.GetRequiredService<ImportCaseEvents>()
                .ExecuteAsync("demo cases", cases, new DateTimeOffset(date.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero), cancellationToken).ConfigureAwait(false);
            foreach (var problem in imported.Problems)
            {
                await context.Error.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
            }

            await context.Output.WriteLineAsync($"Cases: {cases.Count} events, {imported.Recorded} recorded, {imported.AlreadyHeld} already held.").ConfigureAwait(false);
            var reviewsAdded = await SeedReviewsAsync(services, plan.Desired!, history, date, origin, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Reflective case reviews: {reviewsAdded.Reviews} recorded, with {reviewsAdded.Actions} actions (themes this quarter, qabot report reviews).").ConfigureAwait(false);
            var audits = await SeedAuditsAsync(services, plan.Desired!, date, origin, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Audits: {audits} arranged, one closed and one in progress (qabot audits list).").ConfigureAwait(false);
            var days = await SeedLearningDaysAsync(services, plan.Desired!, date, origin, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Practice learning days: {days} arranged, one held with its follow-up visit and one planned (qabot learning-days list).").ConfigureAwait(false);
            var planned = await SeedProgrammesAsync(services, plan.Desired!, date, origin, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Programmes of visits and meetings: {planned.Entries} entries planned for {planned.Year} (qabot programme show --person ...).").ConfigureAwait(false);
            var workforce = await SeedWorkforceAsync(services, plan.Desired!, date, origin, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Workforce: {workforce} (qabot leave list).").ConfigureAwait(false);
            var failedInstalls = await SeedFailedInstallsAsync(services.GetRequiredService<IAppInstallationStore>(), plan.Desired!, date, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Installs: {failedInstalls} failed installs recorded (qabot people unreached).").ConfigureAwait(false);
            return result!.Conflicts.Count == 0 && imported.Succeeded ? CliErrors.Ok : CliErrors.Conflict;
        }));
        demo.Subcommands.Add(seed);
        return demo;
    }

    /// <summary>The records behind the history's done reflective case reviews, each with its audit entry, and their action items.</summary>
    private static async Task<(int Reviews, int Actions)> SeedReviewsAsync(
        IServiceProvider services, OrganisationChart chart, IReadOnlyList<NewItem> history, DateOnly date, AuditOrigin origin, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<AssuranceOptions>();
        var engine = services.GetRequiredService<ScheduleEngine>();
        var store = services.GetRequiredService<IReviewStore>();
        var reviews = DemoReviews.Create(chart, engine, history, options.ReviewDutySet(), options.ToSettings().Themes, date);
        var recorded = 0;
        foreach (var (review, _) in reviews)
        {
            recorded += await store.AddAsync(review, review.RecordedEntry(origin), cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        var actions = reviews.SelectMany(r => r.Actions).ToList();
        await services.GetRequiredService<ITrackingStore>().AddIfAbsentAsync(actions, origin, cancellationToken).ConfigureAwait(false);
        return (recorded, actions.Count);
    }

    /// <summary>
    /// The demo's practice learning days run through QaBot as the QA team would: arranged, the held day's activities
    /// recorded on the day and the day recorded as held the next working day (which gives the Executive Director the
    /// follow-up visit), each step with its entry. A day already kept is left alone, but recorded as held if a seed
    /// stopped before that; a seed on a later day adds no second copy of a demo day.
    /// </summary>
    private static async Task<int> SeedLearningDaysAsync(IServiceProvider services, OrganisationChart chart, DateOnly date, AuditOrigin origin, CancellationToken cancellationToken)
    {
        var programme = services.GetRequiredService<LearningDayProgramme>();
        var calendar = services.GetRequiredService<CouncilCalendar>();
        var by = chart.Find(DemoCouncil.KeyPeople.QaLead) is { } qaLead ? Actor.Person(qaLead.Id) : Actor.System("demo");
        var arranged = 0;
        var kept = await services.GetRequiredService<ILearningDayStore>().ListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var demo in DemoLearningDays.Create(chart, calendar, date))
        {
            // Seeded once: a seed on a later day leaves the days of an earlier one (their dates move with the demo day).
            if (kept.Any(d => d.Title == demo.Plan.Title && d.Id != demo.Plan.Id))
            {
                continue;
            }

            var created = await programme.ArrangeAsync(demo.Plan, "demo", by, At(demo.ArrangedOn, 10), origin, dryRun: false, cancellationToken).ConfigureAwait(false);
            var id = created.Day?.Id ?? throw new InvalidOperationException("The demo's practice learning day was refused: " + string.Join("; ", created.Problems));
            if (created.Created)
            {
                arranged++;
                foreach (var activity in demo.Activities)
                {
                    var recorded = await programme.RecordActivityAsync(id, activity.Kind, activity.Summary, activity.Case, activity.ByUpn, by,
                        new DateTimeOffset(activity.At, TimeSpan.Zero), origin, cancellationToken).ConfigureAwait(false);
                    if (!recorded.Changed)
                    {
                        throw new InvalidOperationException("A demo learning day activity was refused: " + recorded.Message);
                    }
                }
            }

            // Recorded as held even when an earlier seed stopped part-way: a second recording makes only what is missing.
            if (demo.Held && (await programme.RecordHeldAsync(id, by, At(calendar.AddWorkingDays(demo.Plan.Date, 1), 9), origin, cancellationToken).ConfigureAwait(false)).Problem is { } problem)
            {
                throw new InvalidOperationException("The demo's practice learning day could not be recorded as held: " + problem);
            }
        }

        return arranged;

        static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
    }

    /// <summary>
    /// The directors' demo programmes, each entry added as its holder would from their card a week before the demo day.
    /// Someone whose programmes hold entries but none of the demo's for this day is left alone (a seed on a later day adds
    /// no second set); a seed that stopped part-way is finished, each entry once.
    /// </summary>
    private static async Task<(int Entries, int Year)> SeedProgrammesAsync(IServiceProvider services, OrganisationChart chart, DateOnly date, AuditOrigin origin, CancellationToken cancellationToken)
    {
        var programmes = services.GetRequiredService<AnnualProgrammes>();
        var store = services.GetRequiredService<IProgrammeStore>();
        var directory = services.GetRequiredService<IDirectoryStore>();
        var from = services.GetRequiredService<FrameworkCatalogue>().EffectiveFrom;
        var year = DemoProgrammes.Year(date, from);
        var at = new DateTimeOffset(date.AddDays(-7).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        var kept = (await store.ListAsync(year, null, cancellationToken).ConfigureAwait(false))
            .SelectMany(p => p.Entries.Select(e => (p.Key.Person, Entry: e.What + "|" + e.When.Text)))
            .ToLookup(k => k.Person, k => k.Entry);
        var demo = DemoProgrammes.Create(chart, date, from);
        var added = 0;
        foreach (var entry in demo)
        {
            if (await directory.FindByUpnAsync(entry.Upn, cancellationToken).ConfigureAwait(false) is not { } person
                || (kept[person.Id].Any() && !demo.Any(d => d.Upn == entry.Upn && kept[person.Id].Contains(d.What + "|" + d.When))))
            {
                continue;
            }

            var result = await programmes.AddAsync(person, entry.Duty, entry.What, entry.When, Actor.Person(person.Id), at, origin, cancellationToken).ConfigureAwait(false);
            added += result.Added ? 1 : result.Entry is null ? throw new InvalidOperationException("A demo programme entry was refused: " + result.Problem) : 0;
        }

        return (added, year);
    }

    /// <summary>
    /// The QA team's demo audits as they would stand had they been run through QaBot: arranged, the auditors' records
    /// and items, each moderation and the closure, every step with its audit entry. An audit already kept is left alone.
    /// </summary>
    private static async Task<int> SeedAuditsAsync(IServiceProvider services, OrganisationChart chart, DateOnly date, AuditOrigin origin, CancellationToken cancellationToken)
    {
        var audits = services.GetRequiredService<IAuditStore>();
        var reviews = services.GetRequiredService<IReviewStore>();
        var themes = services.GetRequiredService<AssuranceOptions>().ToSettings().Themes;
        var arranged = 0;
        foreach (var demo in DemoAudits.Create(chart, services.GetRequiredService<ScheduleEngine>(), themes, date))
        {
            var audit = demo.Audit;
            if (!await audits.AddAsync(audit with { Cases = [.. audit.Cases.Select(c => c with { Moderation = null })], Closure = null }, audit.ArrangedEntry(origin), cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            arranged++;
            foreach (var record in demo.Records)
            {
                await reviews.AddAsync(record, record.RecordedEntry(origin), cancellationToken).ConfigureAwait(false);
            }

            await services.GetRequiredService<ITrackingStore>().AddIfAbsentAsync(demo.Items, origin, cancellationToken).ConfigureAwait(false);
            foreach (var moderated in audit.Cases.Where(c => c.Moderation is not null))
            {
                var judgement = demo.Records.First(r => r.Item == moderated.Item).Judgement;
                await audits.UpdateCaseAsync(audit.Id, moderated, audit.ModeratedEntry(moderated, judgement, origin), cancellationToken).ConfigureAwait(false);
            }

            if (audit.Closure is { } closure)
            {
                await audits.CloseAsync(audit.Id, closure, audit.ClosedEntry(closure, origin), cancellationToken).ConfigureAwait(false);
            }
        }

        return arranged;
    }

    /// <summary>
    /// People changing, as in any council (docs/workforce.md): Chesterfield Team 2's manager is away for six weeks with
    /// Dan Mercer (Chesterfield Team 1) acting up for them; Amber Valley Team 1's manager is on two weeks' leave with no
    /// cover; High Peak Team 2's manager left four weeks ago and the post is vacant, so their team's supervision is the
    /// head of service's, as it would be after a people file without them but with their team still naming them. Running
    /// it again changes nothing.
    /// </summary>
    private static async Task<string> SeedWorkforceAsync(IServiceProvider services, OrganisationChart chart, DateOnly date, AuditOrigin origin, CancellationToken cancellationToken)
    {
        const string Localities = "Early Help & Safeguarding > Locality: ";
        Person? ManagerOf(string team) => chart.ActivePeople.FirstOrDefault(p =>
            chart.Areas.PathOf(p.HomeArea).EndsWith(Localities + team, StringComparison.Ordinal) && p.HoldsRole(new Core.Framework.RoleId("team-manager"), date));
        var at = new DateTimeOffset(date.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        var actor = Actor.System("demo");
        var leave = services.GetRequiredService<Application.Organisation.Leave.LeaveRegister>();
        var told = new List<string>();
        if (ManagerOf("Chesterfield > Team 2") is { } away && chart.Find(DemoCouncil.KeyPeople.TeamManagerChesterfield) is { } acting)
        {
            var recorded = await leave.AddAsync(away, date.AddDays(-14), date.AddDays(27), acting, actor, at, origin, cancellationToken).ConfigureAwait(false);
            told.Add(recorded.Succeeded ? $"{acting.DisplayName} acting up for {away.DisplayName}" : recorded.Problem!);
        }

        if (ManagerOf("Amber Valley > Team 1") is { } onLeave)
        {
            var recorded = await leave.AddAsync(onLeave, date.AddDays(-3), date.AddDays(10), null, actor, at, origin, cancellationToken).ConfigureAwait(false);
            told.Add(recorded.Succeeded ? $"{onLeave.DisplayName} on leave, {recorded.ItemsMoved} items moved" : recorded.Problem!);
        }

        if (ManagerOf("High Peak > Team 2") is { } leaver && leaver.LineManager is { } headId && chart.Find(headId) is { } head)
        {
            // Left four weeks ago: their open items went to the head of service, flagged, as a people import does.
            var directory = services.GetRequiredService<Application.Organisation.IDirectoryStore>();
            var stored = (await directory.GetSnapshotAsync(cancellationToken).ConfigureAwait(false)).People.First(p => p.Value.Id == leaver.Id);
            var left = date.AddDays(-28);
            var moved = await services.GetRequiredService<ITrackingStore>().TransferAsync(
                new ItemTransfer(TransferKind.ReassignOutstanding, leaver.Id, leaver.HomeArea, head, at, actor, origin), cancellationToken).ConfigureAwait(false);
            await directory.SavePersonAsync(
                leaver with { Active = false, LeftOn = left },
                stored.Version,
                new AuditEntry(at, actor, "deactivated", "person:" + leaver.Id.Value, "deactivated; open items to person:" + head.Id.Value, origin),
                cancellationToken).ConfigureAwait(false);
            told.Add($"{leaver.DisplayName} left, post vacant, {moved} items to {head.DisplayName}");
        }

        return string.Join("; ", told);
    }

    /// <summary>
    /// A few staff the nightly install could not reach, as a council sees them (no Teams licence, an account Graph does not
    /// find), so <c>qabot people unreached</c> shows each reason. Everyone else has no chat until they open QaBot in the
    /// Agents Playground. Install records are never read by the sender, so reminders behave as before.
    /// </summary>
    private static async Task<int> SeedFailedInstallsAsync(IAppInstallationStore installs, OrganisationChart chart, DateOnly date, CancellationToken cancellationToken)
    {
        var staff = chart.ActivePeople.Where(p => p.LineManager is not null).OrderBy(p => p.Id.Value, StringComparer.Ordinal).ToList();
        (int Index, string Error, int Tries)[] failures = [(17, "HTTP 403 Forbidden", 4), (101, "HTTP 404 NotFound", 2), (233, "HTTP 403 Forbidden", 1)];
        var at = new DateTimeOffset(date.ToDateTime(new TimeOnly(5, 0)), TimeSpan.Zero);
        var saved = 0;
        foreach (var (index, error, tries) in failures.Where(f => f.Index < staff.Count))
        {
            var record = new AppInstallRecord(staff[index].Id, AppInstallStatus.Failed, ConversationFollowUp.None, null, error, tries, at, null);
            await installs.SaveAsync(record, cancellationToken).ConfigureAwait(false);
            saved++;
        }

        return saved;
    }

    /// <summary>
    /// Why the demo must not be seeded into this storage, or null. A fictional council must never land in a council's
    /// live tables by a mistyped setting: anything but the emulator needs the flag and the account name typed back.
    /// </summary>
    internal static string? RefusalFor(StorageTarget target, bool allowNonEmulator, string? confirmAccount)
    {
        if (target.IsEmulator)
        {
            return null;
        }

        if (!allowNonEmulator)
        {
            return $"demo seed writes a fictional council, and the configured storage is not the local emulator: it is account '{target.Account}' at {target.Where}. " +
                "Point Storage:ConnectionString at Azurite (UseDevelopmentStorage=true), or, to seed that account on purpose, " +
                $"add --allow-non-emulator --confirm-account {target.Account}.";
        }

        if (string.IsNullOrWhiteSpace(confirmAccount))
        {
            return $"--allow-non-emulator needs --confirm-account with the storage account's name ({target.Account}) typed back.";
        }

        return string.Equals(confirmAccount.Trim(), target.Account, StringComparison.Ordinal)
            ? null
            : $"--confirm-account '{confirmAccount}' is not the configured storage account '{target.Account}': nothing was written.";
    }
}
