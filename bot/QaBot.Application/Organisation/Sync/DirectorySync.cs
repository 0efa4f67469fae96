using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QaBot.Application.Configuration;
using QaBot.Application.Organisation.Import;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Organisation.Import;
using QaBot.Core.Tracking;

namespace QaBot.Application.Organisation.Sync;

/// <summary>
/// Directory sync, the alternative to the CSV import: reads every user from the organisation's directory, maps them
/// to areas and roles by the configured rules, and hands the rows to the same planner and importer as
/// <c>qabot people import</c>, so the same checks run before anything is written, leavers (disabled, or gone from the
/// directory) are deactivated with their history kept, and every change is audited. Only people this sync manages
/// (source <c>graph</c>) are ever deactivated by it.
/// </summary>
public sealed partial class DirectorySync
{
    public const string SourceName = "Microsoft Graph users";

    private const int AlwaysAllowedDeactivations = 5;

    private readonly IDirectorySource _source;
    private readonly IDirectoryStore _directory;
    private readonly DirectoryImporter _importer;
    private readonly FrameworkCatalogue _catalogue;
    private readonly CouncilCalendar _calendar;
    private readonly OrganisationPolicy _policy;
    private readonly DirectorySyncOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DirectorySync> _logger;

    public DirectorySync(
        IDirectorySource source,
        IDirectoryStore directory,
        DirectoryImporter importer,
        FrameworkCatalogue catalogue,
        CouncilCalendar calendar,
        OrganisationPolicy policy,
        IOptions<GraphSyncOptions> options,
        TimeProvider time,
        ILogger<DirectorySync> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _source = source;
        _directory = directory;
        _importer = importer;
        _catalogue = catalogue;
        _calendar = calendar;
        _policy = policy;
        _options = options.Value.DirectorySync;
        _time = time;
        _logger = logger;
    }

    public bool Enabled => _options.Enabled;

    /// <param name="dryRun">Check and work out the changes, write nothing.</param>
    /// <param name="allowMassDeactivation">Apply even when more people would be deactivated than Graph:DirectorySync:MaxDeactivationPercent allows.</param>
    public async Task<DirectorySyncResult> RunAsync(bool dryRun, bool allowMassDeactivation, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var users = await _source.ListUsersAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = await _directory.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
        var today = _calendar.LocalDateOf(_time.GetUtcNow());
        var mapping = new DirectorySyncMapper(_options).Map(users, snapshot, today);

        var roles = _catalogue.Roles.Select(r => r.Id).ToHashSet();
        var unknownRoles = _options.RoleRules.SelectMany((rule, i) => rule.Roles.Select(role => (i, role)))
            .Where(x => !roles.Contains(new RoleId(x.role)))
            .Select(x => $"{DirectorySyncOptions.Section}:RoleRules:{x.i}: unknown role '{x.role}' (qabot framework show lists the role ids)")
            .ToList();
        if (unknownRoles.Count > 0)
        {
            return Finish(new DirectorySyncResult(users.Count, mapping, null, unknownRoles, null, null));
        }

        var plan = DirectoryImportPlanner.Plan(new DirectoryImportInput(
            SourceName, mapping.Rows, null, null, roles, snapshot, Person.Sources.Graph, today, _policy));
        if (!plan.IsValid)
        {
            var problems = plan.Problems.Select(p => Describe(p, mapping)).ToList();
            return Finish(new DirectorySyncResult(users.Count, mapping, plan, problems, null, null));
        }

        var managed = snapshot.People.Count(p => p.Value.Active && p.Value.Source == Person.Sources.Graph);
        var leaving = plan.PersonChanges.Count(c => c.Kind == ChangeKind.Deactivated);
        var allowed = Math.Max(AlwaysAllowedDeactivations, managed * _options.MaxDeactivationPercent / 100);
        if (leaving > allowed && !allowMassDeactivation)
        {
            var refusal = string.Create(
                CultureInfo.InvariantCulture,
                $"{leaving} of the {managed} people directory sync manages would be deactivated, more than the {allowed} allowed ({DirectorySyncOptions.Section}:MaxDeactivationPercent is {_options.MaxDeactivationPercent}%). Check Graph:DirectorySync:UserFilter and the area rules; if so many really have left, run qabot graph sync-directory --allow-mass-deactivation.");
            return Finish(new DirectorySyncResult(users.Count, mapping, plan, [], refusal, null));
        }

        if (dryRun)
        {
            return Finish(new DirectorySyncResult(users.Count, mapping, plan, [], null, null));
        }

        var applied = await _importer.ApplyAsync(plan, Actor.System("directory-sync"), origin, cancellationToken).ConfigureAwait(false);
        return Finish(new DirectorySyncResult(users.Count, mapping, plan, [], null, applied));
    }

    private DirectorySyncResult Finish(DirectorySyncResult result)
    {
        var changes = result.Plan?.PersonChanges.Count ?? 0;
        if (!result.Succeeded)
        {
            LogSyncStopped(_logger, result.UsersRead, result.Problems.Count, result.Refusal is not null, result.Applied?.Conflicts.Count ?? 0);
        }
        else
        {
            LogSyncFinished(_logger, result.UsersRead, result.Mapping?.Rows.Count ?? 0, changes, result.Applied is not null);
        }

        return result;
    }

    /// <summary>The planner's problem, told by the user's object id rather than a line of a file.</summary>
    private static string Describe(ImportProblem problem, DirectorySyncMapping mapping)
    {
        var who = mapping.Users.TryGetValue(problem.Line, out var id) ? $"user {id}" : SourceName;
        return problem.Field is null ? $"{who}: {problem.Message}" : $"{who}, {problem.Field}: {problem.Message}";
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Directory sync: {Users} users read, {InScope} in the department, {Changes} changes, applied {Applied}")]
    private static partial void LogSyncFinished(ILogger logger, int users, int inScope, int changes, bool applied);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Error, Message = "Directory sync wrote nothing or not everything: {Users} users read, {Problems} problems, refused for mass deactivation {Refused}, {Conflicts} conflicts")]
    private static partial void LogSyncStopped(ILogger logger, int users, int problems, bool refused, int conflicts);
}
