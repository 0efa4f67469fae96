using QaBot.Application.Organisation.Leave;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QaBot.Application.Conversations;
using QaBot.Application.Reports;
using QaBot.Application.Organisation;
using QaBot.Application.Reminders;
using QaBot.Application.Tracking;
using QaBot.Application.Tracking.Approvals;
using QaBot.Conversations;
using QaBot.Conversations.Approvals;
using QaBot.Conversations.Activities;
using QaBot.Conversations.Cases;
using QaBot.Conversations.Compliance;
using QaBot.Conversations.Digests;
using QaBot.Conversations.Greeting;
using QaBot.Conversations.Overdue;
using QaBot.Conversations.Reports;
using QaBot.Conversations.Turns;
using QaBot.Core.Reminders;
using QaBot.Core.Scheduling;

namespace QaBot.Composition;

public static class ConversationsServiceCollectionExtensions
{
    /// <summary>
    /// Digests and the conversation logic: <see cref="DigestComposer"/>, <see cref="DigestLoader"/> and the digest
    /// card (<see cref="IDigestRenderer"/>), for the scheduler and chat alike, and the bot's <see cref="ITurnHandler"/>
    /// with its cards (<c>Bot:SupportContact</c>).
    /// </summary>
    public static IServiceCollection AddQaBotConversations(this IServiceCollection services)
    {
        services.AddOptions<ConversationsOptions>()
            .BindConfiguration(ConversationsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ConversationsOptions>>().Value);

        services.TryAddSingleton(sp => new DigestComposer(sp.GetRequiredService<ScheduleRules>()));
        services.TryAddSingleton<DigestLoader>();
        services.TryAddSingleton<ItemPresenter>();
        services.TryAddSingleton<DigestCardBuilder>();
        services.TryAddSingleton<IDigestRenderer, DigestCardRenderer>();
        services.TryAddSingleton<ApprovalCardBuilder>();
        services.TryAddSingleton<IApprovalRenderer>(sp => sp.GetRequiredService<ApprovalCardBuilder>());
        services.TryAddSingleton<QaBot.Conversations.Assurance.ReviewCardBuilder>();
        services.TryAddSingleton<QaBot.Application.Assurance.IReviewRenderer>(sp => sp.GetRequiredService<QaBot.Conversations.Assurance.ReviewCardBuilder>());

        services.TryAddSingleton<OverdueQuery>();
        services.TryAddSingleton<OverdueCardBuilder>();
        services.TryAddSingleton<ComplianceCardBuilder>();
        services.TryAddSingleton<MonthlyReportCardBuilder>();
        services.TryAddSingleton<IMonthlyReportRenderer>(sp => sp.GetRequiredService<MonthlyReportCardBuilder>());
        services.TryAddSingleton<GreetingCardBuilder>();
        services.TryAddSingleton<HelpCardBuilder>();
        services.TryAddSingleton<LogActivityCardBuilder>();
        services.TryAddSingleton<RecordLeave>();
        services.TryAddSingleton<AreaTreeCache>();
        services.TryAddSingleton<ViewRenderer>();
        services.TryAddSingleton<CardActionHandler>();
        services.TryAddSingleton<CaseReplies>();
        services.TryAddSingleton<QaBot.Conversations.Assurance.ReviewReplies>();
        services.TryAddSingleton<ITurnHandler, QaBotTurnHandler>();

        // The use cases the cards and chat call.
        services.TryAddSingleton<RecordReply>();
        services.TryAddSingleton<NudgeOwner>();
        services.TryAddSingleton<Approvers>();
        services.TryAddSingleton<RequestRescheduleApproval>();
        services.TryAddSingleton<QaBot.Application.Assurance.RecordReview>();
        services.TryAddSingleton<QaBot.Application.Assurance.ReviewQuery>();
        services.TryAddSingleton<DecideReschedule>();
        services.TryAddSingleton<LogActivity>();
        services.TryAddSingleton<RememberConversation>();
        services.TryAddSingleton<RememberTeamChannel>();
        return services;
    }
}
