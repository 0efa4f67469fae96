using System.CommandLine;

namespace QaBot.Cli.Commands;

/// <summary>The top-level verbs of <c>qabot</c>, one group per area of the product.</summary>
internal static class CommandGroups
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return FrameworkCommands.Create(context);
        yield return ScheduleCommands.Create(context);
        yield return PeopleCommands.Create(context);
        yield return LeaveCommands.Create(context);
        yield return CasesCommands.Create(context);
        yield return DemoCommands.Create(context);
        yield return StorageCommands.Create(context);
        yield return AuditCommands.Create(context);
        yield return AuditsCommands.Create(context);
        yield return LearningDaysCommands.Create(context);
        yield return ProgrammeCommands.Create(context);
        yield return BackupCommands.Create(context);
        yield return RetentionCommands.Create(context);
        yield return BoardsCommands.Create(context);
        yield return GraphCommands.Create(context);
        yield return ComplianceCommands.Rebuild(context);
        yield return ComplianceCommands.Report(context);
        foreach (var command in ReminderCommands.Create(context))
        {
            yield return command;
        }
    }
}
