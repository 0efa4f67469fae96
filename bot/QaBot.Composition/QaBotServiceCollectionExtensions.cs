using QaBot.Application.Organisation.Leave;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QaBot.Application.Cases;
using QaBot.Application.Compliance;
using QaBot.Application.Storage;
using QaBot.Application.Framework;
using QaBot.Application.Governance;
using QaBot.Application.Configuration;
using QaBot.Application.Installation;
using QaBot.Application.Meetings;
using QaBot.Application.Reports;
using QaBot.Application.Organisation.Sync;
using QaBot.Application.Sync;
using QaBot.Core.Calendar;
using QaBot.Core.Cases;
using QaBot.Core.Framework;
using QaBot.Core.Scheduling;
using QaBot.Infrastructure.Graph;
using QaBot.Infrastructure.Storage;

namespace QaBot.Composition;

/// <summary>The one registration call shared by the bot, the Functions app and the CLI.</summary>
public static class QaBotServiceCollectionExtensions
{
    public static IServiceCollection AddQaBot(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(configuration);
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<FrameworkOptions>()
            .BindConfiguration(FrameworkOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // The framework catalogue: loaded and checked once; an invalid file stops start-up with every problem listed.
        services.TryAddSingleton<FrameworkCatalogueFile>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FrameworkOptions>, FrameworkCatalogueValidation>());
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<FrameworkOptions>>().Value;
            var result = provider.GetRequiredService<FrameworkCatalogueFile>().Load(options);
            return result.IsValid
                ? result.Catalogue
                : throw new FrameworkCatalogueException(DataFiles.Resolve(options.CatalogueFile), result.Errors);
        });
        services.AddConversationSender();

        AddSchedule(services);
        services.AddQaBotStorage();
        services.AddQaBotOrganisation();
        services.AddQaBotGraph();
        services.TryAddSingleton<IMeetingScheduleSource, MeetingsFile>();
        services.TryAddSingleton<BoardMeetingSync>();
        services.TryAddSingleton<ChairedMeetingItems>();
        services.TryAddSingleton<DirectorySync>();
        services.TryAddSingleton<AppInstallRun>();
        services.TryAddSingleton<UnreachedPeopleQuery>();
        services.TryAddSingleton<GraphSyncRun>();
        services.TryAddSingleton<AuditTrailQuery>();
        services.TryAddSingleton<Backups>();
        services.TryAddSingleton<PersonalData>();
        services.AddOptions<RetentionOptions>()
            .BindConfiguration(RetentionOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => Cronos.CronExpression.TryParse(o.Schedule, Cronos.CronFormat.IncludeSeconds, out _), "Retention:Schedule is not an NCRONTAB expression with seconds (for example 0 0 3 * * *).")
            .ValidateOnStart();
        services.TryAddSingleton<Retention>();
        services.AddQaBotConversations();
        services.AddQaBotReminders();
        AddCompliance(services);
        AddCases(services);

        return services;
    }

    /// <summary>Cases' statutory chains: the case reference format (checked at start-up) and recording events.</summary>
    private static void AddCases(IServiceCollection services)
    {
        services.AddOptions<CasesOptions>()
            .BindConfiguration(CasesOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => IsPattern(o.ReferencePattern), "Cases:ReferencePattern is not a regular expression.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => new CaseReferencePattern(sp.GetRequiredService<IOptions<CasesOptions>>().Value.ReferencePattern));
        services.TryAddSingleton<RecordCaseEvent>();
        services.TryAddSingleton<ImportCaseEvents>();
        services.TryAddSingleton<RecordCaseUpdate>();
    }

    private static bool IsPattern(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return false;
        }

        try
        {
            _ = new CaseReferencePattern(pattern);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The compliance model's reports and rebuild, with the <c>Reports</c> settings checked at start-up.</summary>
    private static void AddCompliance(IServiceCollection services)
    {
        services.AddOptions<AssuranceOptions>()
            .BindConfiguration(AssuranceOptions.Section)
            .Validate(o => !o.Problems().Any(), "Assurance: JudgementScale and Themes entries have 1 to 80 characters, no comma, each once; a scale has at least two points.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<AssuranceOptions>>().Value);
        services.AddOptions<ReportOptions>()
            .BindConfiguration(ReportOptions.Section)
            .Validate(o => o.MinimumBase is >= 1 and <= 1000, "Reports:MinimumBase must be a whole number from 1 to 1000.")
            .Validate(o => !NotApplicableReasons.Problems(o.NotApplicableReasons).Any(), "Reports:NotApplicableReasons: each code is 1 to 40 lower-case letters, digits and hyphens (not 'other'), each with wording of up to 80 characters.")
            .Validate(o => o.NotApplicableLookbackMonths is >= 1 and <= 24, "Reports:NotApplicableLookbackMonths must be a whole number of months from 1 to 24.")
            .Validate(o => o.RepeatedNotApplicable is >= 2 and <= 50, "Reports:RepeatedNotApplicable must be a whole number from 2 to 50 (how many times one duty is set aside before the manager's digest flags it).")
            .Validate(o => o.MonthlyReportTime >= TimeSpan.Zero && o.MonthlyReportTime < TimeSpan.FromHours(24), "Reports:MonthlyReportTime must be a time of day, for example 09:00:00.")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReportOptions>, ReportChannelsValidation>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ReportOptions>>().Value);
        services.TryAddSingleton<ComplianceReportQuery>();
        services.TryAddSingleton<RebuildCompliance>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStorageMigration, ComplianceModelMigration>());
        services.TryAddSingleton<StorageMigrations>();
        services.TryAddSingleton<ComplianceAnswerQuery>();
        services.TryAddSingleton<QaBot.Application.Dashboard.DashboardQuery>();
        services.TryAddSingleton<Reports.ComplianceExport>();
        services.TryAddSingleton<ComplianceCheck>();
        services.TryAddSingleton<SupersedeDuties>();
        services.TryAddSingleton<FrameworkSupersedeRun>();
        services.TryAddSingleton<NotApplicableReasons>();
        services.TryAddSingleton<QaBot.Application.Tracking.SetAsideReview>();
        services.TryAddSingleton<MonthlyReportRun>();
        services.TryAddSingleton<QaBot.Application.Organisation.AreaTreeCache>();
        services.TryAddSingleton<QaBot.Application.Assurance.ReviewOverview>();
        services.TryAddSingleton<QaBot.Application.Assurance.AuditProgramme>();
        services.TryAddSingleton<QaBot.Application.Assurance.AuditOverview>();
        services.TryAddSingleton<QaBot.Application.Assurance.LearningDayProgramme>();
        services.TryAddSingleton<QaBot.Application.Assurance.AnnualProgrammes>();
    }

    /// <summary>
    /// The council calendar, the scheduling policy, the statutory rules and the schedule engine. Data files are read
    /// once and checked at start-up with the Schedule section (a broken file, or a per-duty setting naming an unknown
    /// duty, stops the process with the reason).
    /// </summary>
    private static void AddSchedule(IServiceCollection services)
    {
        services.AddOptions<ScheduleOptions>()
            .BindConfiguration(ScheduleOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton<ScheduleDataFiles>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScheduleOptions>, ScheduleDataValidation>());
        services.TryAddSingleton(sp =>
            sp.GetRequiredService<ScheduleDataFiles>().Calendar(sp.GetRequiredService<IOptions<FrameworkOptions>>().Value));
        services.TryAddSingleton(sp =>
            sp.GetRequiredService<ScheduleDataFiles>().StatutoryRules(sp.GetRequiredService<IOptions<FrameworkOptions>>().Value));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ScheduleOptions>>().Value.ToPolicy());
        services.TryAddSingleton(sp => new ScheduleRules(
            sp.GetRequiredService<CouncilCalendar>(), sp.GetRequiredService<SchedulePolicy>(), sp.GetRequiredService<FrameworkCatalogue>()));
        services.TryAddSingleton(sp => new ScheduleEngine(
            sp.GetRequiredService<FrameworkCatalogue>(),
            sp.GetRequiredService<CouncilCalendar>(),
            sp.GetRequiredService<SchedulePolicy>()));
        services.TryAddSingleton<LeaveRegister>();
    }
}
