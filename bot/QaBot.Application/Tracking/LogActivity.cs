using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Application.Tracking;

/// <summary>
/// A person records that they did one of their duties with no set rhythm ("as required", "ongoing"), which QaBot never
/// reminds about, so that it is on record with the rest: a new item, created already done, with its audit trail. The
/// same press arriving twice (a retry, a double click on one card) is logged once.
/// </summary>
public sealed partial class LogActivity
{
    private readonly ITrackingStore _tracking;
    private readonly FrameworkCatalogue _catalogue;
    private readonly CouncilCalendar _calendar;
    private readonly ILogger<LogActivity> _logger;

    public LogActivity(ITrackingStore tracking, FrameworkCatalogue catalogue, CouncilCalendar calendar, ILogger<LogActivity> logger)
    {
        _tracking = tracking ?? throw new ArgumentNullException(nameof(tracking));
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
        _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>The duties the person may log today: their roles' duties with no set rhythm.</summary>
    public IReadOnlyList<Duty> LoggableDuties(Person person, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(person);
        return _catalogue.LoggableDuties(person.RolesOn(today));
    }

    public async Task<LogOutcome> ExecuteAsync(LogRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var person = request.By;
        var today = _calendar.LocalDateOf(request.At);
        if (request.Duty is null)
        {
            return LogOutcome.Invalid("Choose the activity you did.");
        }

        if (LoggableDuties(person, today).FirstOrDefault(d => d.Id.Value == request.Duty) is not { } duty)
        {
            return new LogOutcome(LogOutcomeKind.NotLoggable, null, null, null);
        }

        var date = request.Date ?? today;
        if (date > today || date < today.AddYears(-1))
        {
            return LogOutcome.Invalid($"Choose a date from {UkDates.Format(today.AddYears(-1))} to today.");
        }

        var id = LoggedItemId(request.CardActivityId, duty.Id, date, request.Note, person.Id);
        var fingerprint = id.Value.Split(OccurrenceId.Separator)[1];
        var created = new TrackedItem(
            id, duty.Id, person.Id, person.HomeArea, null, date, date, date, [], false, ItemStatus.Open,
            null, null, null, null, 0, null, request.At, request.At, Actor.Person(person.Id), 1, null);
        var reply = new ItemReply("log-" + fingerprint, id, ReplyKind.Done, person.Id, request.At, date, request.Note, request.Origin);
        var done = ItemTransitions.Reply(created, reply)!;
        var added = await _tracking.AddIfAbsentAsync([new NewItem(created, [done])], request.Origin, cancellationToken).ConfigureAwait(false);
        if (added == 0)
        {
            return new LogOutcome(LogOutcomeKind.AlreadyLogged, done.After, reply, null);
        }

        LogLogged(person.Id.Value, duty.Id.Value, id.Value);
        return new LogOutcome(LogOutcomeKind.Logged, done.After, reply, null);
    }

    /// <summary>
    /// The id of a logged activity: the same press arriving twice gives the same id, so it is logged once; a second log
    /// from a fresh card is a new record.
    /// </summary>
    public static OccurrenceId LoggedItemId(string cardActivityId, DutyId duty, DateOnly date, string? note, PersonId person)
    {
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{cardActivityId}|{duty.Value}|{date:yyyy-MM-dd}|{note}")))[..12];
        return OccurrenceId.For(duty, string.Create(CultureInfo.InvariantCulture, $"log-{date:yyyyMMdd}-{fingerprint}"), person);
    }

    [LoggerMessage(EventId = 5106, Level = LogLevel.Information, Message = "Person {PersonId} logged duty {DutyId} as item {ItemId}")]
    private partial void LogLogged(string personId, string dutyId, string itemId);
}

/// <summary>An activity to log.</summary>
/// <param name="Duty">The duty id the person chose (from the client: checked against their roles).</param>
/// <param name="Date">The date they did it; none means today.</param>
/// <param name="CardActivityId">The id of the card pressed, so that the same press twice logs once.</param>
public sealed record LogRequest(Person By, string? Duty, DateOnly? Date, string? Note, string CardActivityId, DateTimeOffset At, AuditOrigin Origin);

public enum LogOutcomeKind
{
    Logged,

    /// <summary>The same press arrived again: nothing changed.</summary>
    AlreadyLogged,

    /// <summary>No duty chosen, or a date out of range: <see cref="LogOutcome.Problem"/> says why.</summary>
    Invalid,

    /// <summary>The duty is not one of the person's duties without a set rhythm.</summary>
    NotLoggable,
}

/// <summary>What happened to a log: the item and its done reply when logged (or already logged).</summary>
public sealed record LogOutcome(LogOutcomeKind Kind, TrackedItem? Item, ItemReply? Reply, string? Problem)
{
    public static LogOutcome Invalid(string problem) => new(LogOutcomeKind.Invalid, null, null, problem);
}
