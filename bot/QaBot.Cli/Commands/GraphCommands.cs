using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QaBot.Application.Installation;
using QaBot.Application.Organisation;
using QaBot.Application.Organisation.Sync;
using QaBot.Application.Storage;
using QaBot.Core.Calendar;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Infrastructure.Graph;

namespace QaBot.Cli.Commands;

/// <summary>
/// <c>qabot graph</c>: the directory sync from Microsoft Graph, installing QaBot for staff who cannot be reached, and
/// the install records operators use to see who is not reachable and why.
/// </summary>
internal static class GraphCommands
{
    public static Command Create(CliContext context)
    {
        var graph = new Command("graph", "Microsoft Graph: directory sync and installing QaBot for staff. Board meetings are under qabot boards.");
        graph.Subcommands.Add(SyncDirectory(context));
        graph.Subcommands.Add(Install(context));
        graph.Subcommands.Add(Installs(context));
        return graph;
    }

    private static Command SyncDirectory(CliContext context)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Read the users and show the changes; write nothing." };
        var allowMass = new Option<bool>("--allow-mass-deactivation") { Description = "Apply even when more people would leave than Graph:DirectorySync:MaxDeactivationPercent allows." };
        var command = new Command(
            "sync-directory",
            "Read the council's users from Microsoft Graph, place them in areas and roles by the rules in Graph:DirectorySync, and apply the changes. Leavers are deactivated, never deleted.")
        { dryRun, allowMass };
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(context, () => WithGraphAsync(context, async () =>
        {
            var services = context.Services;
            var sync = services.GetRequiredService<DirectorySync>();
            if (!sync.Enabled)
            {
                await context.Error.WriteLineAsync("Directory sync is off: set Graph:DirectorySync:Enabled to true and give the area and role rules (docs/configuration.md, section Directory).").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            await services.GetRequiredService<IStorageInitializer>().InitializeAsync(cancellationToken).ConfigureAwait(false);
            var isDryRun = parse.GetValue(dryRun);
            var result = await sync.RunAsync(isDryRun, parse.GetValue(allowMass), new AuditOrigin("cli", "graph sync-directory"), cancellationToken).ConfigureAwait(false);
            var output = context.Output;
            if (result.Mapping is { } mapping)
            {
                await output.WriteLineAsync(
                    $"Users read: {result.UsersRead}; in the department: {mapping.Rows.Count}; outside it: {mapping.OutOfScope}; disabled: {mapping.Disabled}; managers outside the department: {mapping.ManagersOutside}.")
                    .ConfigureAwait(false);
            }

            foreach (var problem in result.Problems)
            {
                await context.Error.WriteLineAsync(problem).ConfigureAwait(false);
            }

            if (result.Problems.Count > 0)
            {
                await context.Error.WriteLineAsync($"{result.Problems.Count} problems: nothing was changed.").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            if (result.Plan is { } plan && (isDryRun || result.Refusal is not null))
            {
                await DirectoryImportRun.WriteChangesAsync(output, plan).ConfigureAwait(false);
            }

            if (result.Refusal is { } refusal)
            {
                await context.Error.WriteLineAsync(refusal + " Nothing was changed.").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            if (result.Applied is { } applied)
            {
                await DirectoryImportRun.WriteSummaryAsync(output, result.Plan!, applied).ConfigureAwait(false);
                return applied.Conflicts.Count == 0 ? CliErrors.Ok : CliErrors.Conflict;
            }

            await output.WriteLineAsync($"Dry run: {result.Plan?.PersonChanges.Count ?? 0} changes to people, nothing written.").ConfigureAwait(false);
            return CliErrors.Ok;
        })));
        return command;
    }

    private static Command Install(CliContext context)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "List who would be tried; send nothing." };
        var command = new Command(
            "install",
            "Install QaBot in Teams for every active person QaBot cannot message (no conversation, or one that stopped working), and record each outcome.")
        { dryRun };
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(context, () => WithGraphAsync(context, async () =>
        {
            var services = context.Services;
            var run = services.GetRequiredService<AppInstallRun>();
            if (!run.Enabled)
            {
                await context.Error.WriteLineAsync("Installs are off: set Graph:TeamsAppCatalogId to the app's id in the council's Teams app catalogue (docs/deploy.md, step 10).").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            await services.GetRequiredService<IStorageInitializer>().InitializeAsync(cancellationToken).ConfigureAwait(false);
            var isDryRun = parse.GetValue(dryRun);
            var result = await run.RunAsync(isDryRun, cancellationToken).ConfigureAwait(false);
            var output = context.Output;
            await output.WriteLineAsync($"Reachable already: {result.Reachable}; installed recently and waiting for Teams: {result.Waiting}; to try: {result.Candidates.Count}.").ConfigureAwait(false);
            if (isDryRun)
            {
                var people = await PeopleAsync(services, cancellationToken).ConfigureAwait(false);
                foreach (var person in result.Candidates)
                {
                    var name = people.TryGetValue(person, out var p) ? $"{p.DisplayName} <{p.Upn}>" : person.Value;
                    await output.WriteLineAsync("  " + name).ConfigureAwait(false);
                }

                return CliErrors.Ok;
            }

            await output.WriteLineAsync(
                $"Installed: {result.Count(AppInstallStatus.Installed)}; already installed: {result.Count(AppInstallStatus.AlreadyInstalled)}; failed: {result.Count(AppInstallStatus.Failed)} (qabot graph installs --failed lists them).")
                .ConfigureAwait(false);
            return result.Succeeded ? CliErrors.Ok : CliErrors.Remote;
        })));
        return command;
    }

    private static Command Installs(CliContext context)
    {
        var failed = new Option<bool>("--failed") { Description = "Only the people whose last install failed." };
        var command = new Command("installs", "List the last install attempt for each person: when, the outcome, and why it failed.") { failed };
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var services = context.Services;
            await services.GetRequiredService<IStorageInitializer>().InitializeAsync(cancellationToken).ConfigureAwait(false);
            var records = await services.GetRequiredService<IAppInstallationStore>().ListAsync(cancellationToken).ConfigureAwait(false);
            var people = await PeopleAsync(services, cancellationToken).ConfigureAwait(false);
            var calendar = services.GetRequiredService<CouncilCalendar>();
            var shown = records
                .Where(r => !parse.GetValue(failed) || r.Status == AppInstallStatus.Failed)
                .Select(r => (Record: r, Person: people.GetValueOrDefault(r.Person)))
                .OrderBy(x => x.Person?.DisplayName ?? x.Record.Person.Value, StringComparer.OrdinalIgnoreCase)
                .ToList();
            await context.Output.WriteLineAsync($"{shown.Count} {(shown.Count == 1 ? "person" : "people")}.").ConfigureAwait(false);
            if (shown.Count == 0)
            {
                return CliErrors.Ok;
            }

            var rows = shown.Select(x => new[]
            {
                x.Person?.DisplayName ?? "(not in the directory)",
                x.Person?.Upn ?? x.Record.Person.Value,
                Status(x.Record.Status),
                calendar.ToLocalTime(x.Record.LastAttemptAt).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture),
                x.Record.Status == AppInstallStatus.Failed
                    ? $"{x.Record.Error} ({x.Record.FailedAttempts} {(x.Record.FailedAttempts == 1 ? "attempt" : "attempts")})"
                    : FollowUp(x.Record.FollowUp),
            }).ToList();
            await TextTable.WriteAsync(context.Output, ["Name", "UPN", "Outcome", "Last attempt", "Detail"], rows).ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        return command;
    }

    private static async Task<Dictionary<PersonId, Person>> PeopleAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var snapshot = await services.GetRequiredService<IDirectoryStore>().GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
        return snapshot.People.ToDictionary(p => p.Value.Id, p => p.Value);
    }

    /// <summary>Turns a missing Graph configuration into a clear message rather than a stack trace.</summary>
    private static async Task<int> WithGraphAsync(CliContext context, Func<Task<int>> body)
    {
        if (!context.Services.GetRequiredService<IOptions<GraphOptions>>().Value.IsConfigured)
        {
            await context.Error.WriteLineAsync(new GraphNotConfiguredException().Message).ConfigureAwait(false);
            return CliErrors.Invalid;
        }

        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (GraphNotConfiguredException e)
        {
            await context.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return CliErrors.Invalid;
        }
    }

    private static string Status(AppInstallStatus status) => status switch
    {
        AppInstallStatus.Installed => "installed",
        AppInstallStatus.AlreadyInstalled => "already installed",
        _ => "failed",
    };

    private static string FollowUp(ConversationFollowUp followUp) => followUp switch
    {
        ConversationFollowUp.WaitingForTeams => "waiting for Teams to confirm the install",
        ConversationFollowUp.ReferenceSaved => "chat saved: reminders can go now",
        ConversationFollowUp.ConversationStillStale => "messages still fail: may have blocked QaBot",
        ConversationFollowUp.WaitingForPerson => "installed; reachable once the person opens QaBot",
        _ => string.Empty,
    };
}
