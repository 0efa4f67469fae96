using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Governance;
using QaBot.Application.Storage;
using QaBot.Composition.Governance;
using QaBot.Core.Calendar;
using QaBot.Core.Tracking;

namespace QaBot.Cli.Commands;

/// <summary><c>qabot backup create|list|restore</c>: snapshots of every table in blob storage (docs/operations.md).</summary>
internal static class BackupCommands
{
    public static Command Create(CliContext context)
    {
        var backup = new Command("backup", "Snapshots of every QaBot table in blob storage: take one, list them, restore one into empty tables.");

        var create = new Command("create", "Copy every table to a new snapshot (JSON lines per table, then a manifest of counts). Recorded in the governance log.");
        create.SetAction((_, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var manifest = await context.Services.GetRequiredService<Backups>()
                .CreateAsync(context.Operator, new AuditOrigin("cli", "backup create"), cancellationToken).ConfigureAwait(false);
            var calendar = context.Services.GetRequiredService<CouncilCalendar>();
            foreach (var table in manifest.Tables)
            {
                await context.Output.WriteLineAsync($"  {table.Table,-14} {table.Rows,10:N0} rows").ConfigureAwait(false);
            }

            await context.Output.WriteLineAsync(
                $"Snapshot {manifest.Snapshot}: {manifest.Rows:N0} rows in {manifest.Tables.Count} tables, " +
                $"taken {AuditExport.When(manifest.StartedAt, calendar)} to {UkDates.Time(calendar.ToLocalTime(manifest.CompletedAt))}.").ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        backup.Subcommands.Add(create);

        var list = new Command("list", "List the snapshots, newest first; a snapshot without its manifest is incomplete and cannot be restored.");
        list.SetAction((_, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var snapshots = await context.Services.GetRequiredService<Backups>().ListAsync(cancellationToken).ConfigureAwait(false);
            if (snapshots.Count == 0)
            {
                await context.Output.WriteLineAsync("No snapshots yet: qabot backup create takes one.").ConfigureAwait(false);
                return CliErrors.Ok;
            }

            var calendar = context.Services.GetRequiredService<CouncilCalendar>();
            var rows = snapshots.Select(s => s.Manifest is { } m
                ? new[] { s.Snapshot, "complete", AuditExport.When(m.StartedAt, calendar), m.Tables.Count.ToString(CultureInfo.InvariantCulture), m.Rows.ToString("N0", CultureInfo.InvariantCulture) }
                : [s.Snapshot, $"incomplete ({s.Files} files, no manifest): not restorable", string.Empty, string.Empty, string.Empty]).ToList();
            await TextTable.WriteAsync(context.Output, ["Snapshot", "State", "Taken", "Tables", "Rows"], rows).ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        backup.Subcommands.Add(list);

        var from = new Option<string>("--from") { Description = "The snapshot to restore (as qabot backup list shows it), or another installation's as PREFIX/ID (a restore drill into a spare Storage:TablePrefix).", Required = true };
        var table = new Option<string?>("--table") { Description = "Restore this table only (its name without the prefix, e.g. Items)." };
        var restore = new Command("restore", "Restore a complete snapshot into empty (or missing) tables, then count every table's rows again. Refuses, writing nothing, if a table has rows.") { from, table };
        restore.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var outcome = await context.Services.GetRequiredService<Backups>()
                .RestoreAsync(parseResult.GetValue(from)!, parseResult.GetValue(table), context.Operator, new AuditOrigin("cli", "backup restore"), cancellationToken).ConfigureAwait(false);
            foreach (var restored in outcome.Restored)
            {
                await context.Output.WriteLineAsync($"  {restored.Table,-14} {restored.Rows,10:N0} rows restored and counted").ConfigureAwait(false);
            }

            if (outcome.Problem is { } problem)
            {
                await context.Error.WriteLineAsync(problem).ConfigureAwait(false);
                return outcome.Restored.Count == 0 ? CliErrors.Invalid : CliErrors.Conflict;
            }

            // Rows of a snapshot taken before an upgrade come back in that release's layout: bring them up to date first.
            var origin = new AuditOrigin("cli", "backup restore");
            foreach (var step in await context.Services.GetRequiredService<StorageMigrations>().ReapplyAsync(context.Operator, origin, cancellationToken).ConfigureAwait(false))
            {
                if (step.Changed > 0)
                {
                    await context.Output.WriteLineAsync($"  Brought up to date ({step.Version}. {step.Title}): {step.Summary}").ConfigureAwait(false);
                }
            }

            // Erasures made after the snapshot was taken are kept in their own register: apply them again now.
            await PrivacyCommands.ReapplyAsync(context, context.Services.GetRequiredService<PersonalData>(), origin, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync(
                $"Restored {outcome.Rows:N0} rows into {outcome.Restored.Count} tables; the counts match the snapshot. " +
                "Then run qabot storage repair and qabot compliance rebuild for the months in use (docs/operations.md).").ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        backup.Subcommands.Add(restore);
        return backup;
    }
}
