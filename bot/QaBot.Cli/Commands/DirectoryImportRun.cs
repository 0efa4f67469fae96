using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Organisation;
using QaBot.Application.Organisation.Import;
using QaBot.Application.Storage;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Organisation.Import;
using QaBot.Core.Tracking;

namespace QaBot.Cli.Commands;

/// <summary>Checks rows against the catalogue and the stored directory, then applies the differences: shared by <c>people import</c> and <c>demo seed</c>.</summary>
internal static class DirectoryImportRun
{
    public static async Task<(DirectoryImportPlan Plan, DirectoryImportResult? Result)> RunAsync(
        CliContext context,
        DirectoryImportInputRows rows,
        string source,
        bool dryRun,
        AuditOrigin origin,
        CancellationToken cancellationToken)
    {
        var services = context.Services;
        var catalogue = services.GetRequiredService<FrameworkCatalogue>();
        await services.GetRequiredService<IStorageInitializer>().InitializeAsync(cancellationToken).ConfigureAwait(false);
        var directory = services.GetRequiredService<IDirectoryStore>();
        var snapshot = await directory.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
        var time = services.GetRequiredService<TimeProvider>();

        var plan = DirectoryImportPlanner.Plan(new DirectoryImportInput(
            rows.PeopleFile,
            rows.People,
            rows.AreasFile,
            rows.Areas,
            catalogue.Roles.Select(r => r.Id).ToHashSet(),
            snapshot,
            source,
            services.GetRequiredService<CouncilCalendar>().LocalDateOf(time.GetUtcNow()),
            services.GetRequiredService<OrganisationPolicy>()));

        if (!plan.IsValid || dryRun)
        {
            return (plan, null);
        }

        var result = await services.GetRequiredService<DirectoryImporter>()
            .ApplyAsync(plan, Actor.System(source == Person.Sources.Demo ? "demo" : "import"), origin, cancellationToken)
            .ConfigureAwait(false);
        return (plan, result);
    }

    public static async Task WriteProblemsAsync(TextWriter error, DirectoryImportPlan plan)
    {
        foreach (var problem in plan.Problems)
        {
            await error.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
        }

        var count = plan.Problems.Count;
        await error.WriteLineAsync($"{count} {(count == 1 ? "problem" : "problems")}: nothing was imported. Correct the file and run the import again.").ConfigureAwait(false);
    }

    public static async Task WriteChangesAsync(TextWriter output, DirectoryImportPlan plan)
    {
        var tree = plan.Desired!.Areas;
        foreach (var change in plan.AreaChanges)
        {
            var sign = change.Kind switch { ChangeKind.Added => "+", ChangeKind.Retired => "-", _ => "~" };
            await output.WriteLineAsync($"{sign} area {tree.PathOf(change.After.Id)} ({change.Kind.ToString().ToLowerInvariant()})").ConfigureAwait(false);
        }

        foreach (var change in plan.PersonChanges)
        {
            var person = change.After;
            var line = change.Kind switch
            {
                ChangeKind.Added => $"+ {person.DisplayName} <{person.Upn}> {tree.PathOf(person.HomeArea)}",
                ChangeKind.Deactivated => $"- {person.DisplayName} <{person.Upn}> leaves; open items to {change.ItemsGoTo?.DisplayName ?? "nobody (no one above them)"}",
                ChangeKind.Reactivated => $"+ {person.DisplayName} <{person.Upn}> returns ({string.Join(", ", change.What)})",
                _ => $"~ {person.DisplayName} <{person.Upn}>: {string.Join(", ", change.What)}",
            };
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }
    }

    public static async Task WriteSummaryAsync(TextWriter output, DirectoryImportPlan plan, DirectoryImportResult result)
    {
        await output.WriteLineAsync($"Areas: {result.AreasAdded} added, {result.AreasUpdated} changed, {result.AreasRetired} retired.").ConfigureAwait(false);
        await output.WriteLineAsync($"People: {result.PeopleAdded} added, {result.PeopleUpdated} changed, {result.PeopleReactivated} returned, {result.PeopleDeactivated} deactivated, {result.Unchanged} unchanged.").ConfigureAwait(false);
        await output.WriteLineAsync($"Items: {result.ItemsMoved} moved with their owner, {result.ItemsReassigned} given to a manager and flagged, {result.ItemsClosedAsLeft} about leavers closed as left.").ConfigureAwait(false);
        foreach (var warning in plan.Warnings)
        {
            await output.WriteLineAsync("Note: " + warning).ConfigureAwait(false);
        }

        foreach (var conflict in result.Conflicts)
        {
            await output.WriteLineAsync("Not saved: " + conflict).ConfigureAwait(false);
        }
    }
}
