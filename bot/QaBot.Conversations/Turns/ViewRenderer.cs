using QaBot.Application.Assurance;
using QaBot.Application.Organisation;
using QaBot.Application.Organisation.Leave;
using QaBot.Application.Reminders;
using QaBot.Application.Tracking;
using QaBot.Conversations.Actions;
using QaBot.Conversations.Activities;
using QaBot.Conversations.Assurance;
using QaBot.Conversations.Cards;
using QaBot.Conversations.Digests;
using QaBot.Conversations.Overdue;
using QaBot.Conversations.Workforce;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Conversations.Turns;

/// <summary>
/// Builds the card for a view (my tasks, due this week, what's overdue, log activity, record leave) for a person, from fresh
/// data: the answer to a question in chat and the refreshed card after a button press are the same card.
/// </summary>
public sealed class ViewRenderer
{
    private readonly DigestLoader _digests;
    private readonly DigestCardBuilder _digestCards;
    private readonly OverdueQuery _overdue;
    private readonly OverdueCardBuilder _overdueCards;
    private readonly LogActivityCardBuilder _logCards;
    private readonly AreaTreeCache _areas;
    private readonly RecordLeave _leave;
    private readonly AnnualProgrammes _programmes;
    private readonly FrameworkCatalogue _catalogue;

    public ViewRenderer(
        DigestLoader digests,
        DigestCardBuilder digestCards,
        OverdueQuery overdue,
        OverdueCardBuilder overdueCards,
        LogActivityCardBuilder logCards,
        AreaTreeCache areas,
        RecordLeave leave,
        AnnualProgrammes programmes,
        FrameworkCatalogue catalogue)
    {
        _programmes = programmes ?? throw new ArgumentNullException(nameof(programmes));
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
        _leave = leave ?? throw new ArgumentNullException(nameof(leave));
        _digests = digests ?? throw new ArgumentNullException(nameof(digests));
        _digestCards = digestCards ?? throw new ArgumentNullException(nameof(digestCards));
        _overdue = overdue ?? throw new ArgumentNullException(nameof(overdue));
        _overdueCards = overdueCards ?? throw new ArgumentNullException(nameof(overdueCards));
        _logCards = logCards ?? throw new ArgumentNullException(nameof(logCards));
        _areas = areas ?? throw new ArgumentNullException(nameof(areas));
    }

    /// <param name="sharedConversation">For a team channel or group chat: "what's overdue" in counts only, never names.</param>
    public async Task<AdaptiveCard> RenderAsync(Person person, ViewState view, DateOnly today, CardNotice? notice, CancellationToken cancellationToken, bool sharedConversation = false)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(view);
        switch (view.View)
        {
            case CardView.Week:
                return await WeekAsync(person, view, today, notice, cancellationToken).ConfigureAwait(false);

            case CardView.Overdue:
                var tree = await _areas.GetAsync(cancellationToken).ConfigureAwait(false);
                var asked = view.Area is { } id ? tree.Find(id) : null;
                var answer = await _overdue.RunAsync(person, tree, asked, today, view.Page, cancellationToken, sharedConversation).ConfigureAwait(false);
                return _overdueCards.Build(answer, notice);

            case CardView.LogActivity:
                return _logCards.Build(person, today, notice);

            case CardView.Leave:
                return LeaveCardBuilder.Build(await _leave.FormAsync(person, today, cancellationToken).ConfigureAwait(false), today, notice);

            case CardView.Programme:
                return await ProgrammeAsync(person, today, notice, cancellationToken).ConfigureAwait(false);

            default:
                var digest = await _digests.LoadWithUpcomingAsync(person, today, cancellationToken).ConfigureAwait(false);
                return _digestCards.Build(digest, new DigestCardOptions { View = view, Notice = notice });
        }
    }

    /// <summary>"My programme": the person's programmes for the years in hand, and the form to add to those of the roles they hold.</summary>
    private async Task<AdaptiveCard> ProgrammeAsync(Person person, DateOnly today, CardNotice? notice, CancellationToken cancellationToken)
    {
        var years = _programmes.YearsShown(today);
        var views = new List<ProgrammeView>();
        foreach (var year in years)
        {
            views.AddRange(await _programmes.ShowAsync(person, year, cancellationToken).ConfigureAwait(false));
        }

        // Planning starts today, or on the day programmes start when that is later (someone taking up a role then can plan too).
        var from = _catalogue.EffectiveFrom is { } start && start > today ? start : today;
        var duties = _programmes.DutiesOf(person, today).Union(_programmes.DutiesOf(person, from)).ToList();
        return ProgrammeCardBuilder.Build(views, duties, _catalogue, today, from, years[^1], notice);
    }

    /// <summary>The person's outstanding items due from Monday to Sunday of this week (those already past it are overdue).</summary>
    private async Task<AdaptiveCard> WeekAsync(Person person, ViewState view, DateOnly today, CardNotice? notice, CancellationToken cancellationToken)
    {
        var digest = await _digests.LoadWeekAsync(person, today, cancellationToken).ConfigureAwait(false);
        var (monday, sunday) = DigestLoader.WeekOf(today);
        return _digestCards.Build(digest, new DigestCardOptions
        {
            View = view,
            Notice = notice,
            Title = $"Due this week: {UkDates.Format(monday)} to {UkDates.Format(sunday)}",
            EmptyText = "Nothing of yours falls due this week.",
        });
    }
}
