using System.Globalization;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.Events.Item.Cancel;
using Microsoft.Kiota.Abstractions;
using QaBot.Application.Meetings;
using QaBot.Core.Calendar;
using QaBot.Core.Meetings;
using QaBot.Core.Meetings.Schedules;

namespace QaBot.Infrastructure.Graph;

/// <summary>
/// The organiser mailboxes' calendars through Microsoft Graph (<c>/users/{organiser}/events</c>), with application
/// permission Calendars.ReadWrite limited to those mailboxes by Exchange Online RBAC for Applications.
/// </summary>
internal sealed class GraphCalendarGateway : ICalendarGateway
{
    /// <summary>How far either side of its planned day a series' meeting is looked for when it is moved (it may have been moved before).</summary>
    private const int MoveSearchDays = 62;

    private readonly Func<GraphServiceClient> _client;
    private readonly CouncilCalendar _calendar;

    public GraphCalendarGateway(Func<GraphServiceClient> client, CouncilCalendar calendar)
    {
        _client = client;
        _calendar = calendar;
    }

    public async Task<string> CreateEventAsync(string organiser, CalendarEventSpec spec, string transactionId, CancellationToken cancellationToken = default)
    {
        var body = ToEvent(spec);
        body.TransactionId = transactionId;
        var created = await Call("create event", () => _client().Users[organiser].Events.PostAsync(body, MayRepeat, cancellationToken)).ConfigureAwait(false);
        return created?.Id ?? throw new CalendarRequestException("create event", 200, "NoEventId");
    }

    public async Task<bool> UpdateEventAsync(string organiser, string eventId, CalendarEventSpec spec, bool attendeesOnly, CancellationToken cancellationToken = default)
    {
        var body = attendeesOnly ? new Event { Attendees = Attendees(spec) } : ToEvent(spec);
        try
        {
            await _client().Users[organiser].Events[eventId].PatchAsync(body, MayRepeat, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ODataError e) when (e.ResponseStatusCode == 404)
        {
            return false;
        }
        catch (ODataError e)
        {
            throw Refused("update event", e);
        }
        catch (HttpRequestException e)
        {
            throw new CalendarRequestException("update event", 0, "NetworkFailure", e);
        }
    }

    public async Task<bool> MoveMeetingAsync(string organiser, string eventId, DateOnly meetingDate, DateTime newStart, TimeSpan duration, string timeZone, CancellationToken cancellationToken = default)
    {
        var found = await Find(organiser, eventId, ["id", "type", "isCancelled"], cancellationToken).ConfigureAwait(false);
        if (found is null or { IsCancelled: true })
        {
            return false;
        }

        var meetingId = eventId;
        if (found.Type == EventType.SeriesMaster)
        {
            // The series' meeting planned for that day, wherever it stands now (moved once already, it starts on another
            // day): Graph lists a series' meetings between two instants, each with the start it was planned for.
            var from = _calendar.ToInstant(meetingDate.AddDays(-MoveSearchDays), TimeOnly.MinValue).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var to = _calendar.ToInstant(meetingDate.AddDays(MoveSearchDays + 1), TimeOnly.MinValue).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var instances = await Call("read series meetings", () => _client().Users[organiser].Events[eventId].Instances.GetAsync(
                r =>
                {
                    r.QueryParameters.StartDateTime = from;
                    r.QueryParameters.EndDateTime = to;
                    r.QueryParameters.Select = ["id", "isCancelled", "originalStart"];
                },
                cancellationToken)).ConfigureAwait(false);
            var planned = instances?.Value?.FirstOrDefault(i => i.IsCancelled != true && i.OriginalStart is { } original && _calendar.LocalDateOf(original) == meetingDate);
            if (planned?.Id is not { } instanceId)
            {
                return false;
            }

            meetingId = instanceId;
        }

        var zone = GraphTimeZones.WindowsName(timeZone);
        var moved = new Event
        {
            Start = new DateTimeTimeZone { DateTime = newStart.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), TimeZone = zone },
            End = new DateTimeTimeZone { DateTime = (newStart + duration).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), TimeZone = zone },
        };
        await Call("move meeting", () => _client().Users[organiser].Events[meetingId].PatchAsync(moved, MayRepeat, cancellationToken)).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> EventExistsAsync(string organiser, string eventId, CancellationToken cancellationToken = default)
    {
        var found = await Find(organiser, eventId, ["id", "isCancelled"], cancellationToken).ConfigureAwait(false);
        return found is { IsCancelled: not true };
    }

    public async Task<CancelOutcome> CancelFromAsync(string organiser, string eventId, DateOnly today, string comment, CancellationToken cancellationToken = default)
    {
        var found = await Find(organiser, eventId, ["id", "type", "start", "recurrence", "isCancelled"], cancellationToken).ConfigureAwait(false);
        if (found is null or { IsCancelled: true })
        {
            return CancelOutcome.Gone;
        }

        if (found.Type == EventType.SeriesMaster && found.Recurrence?.Range is { StartDate: { } start } range && start.DateTime < today.ToDateTime(TimeOnly.MinValue))
        {
            // The series has begun: end it yesterday, so its past meetings stay in everyone's calendar as a record.
            // A fresh copy of the pattern: the SDK sends only values set since an object was read, and Graph needs the whole recurrence.
            var read = found.Recurrence.Pattern;
            var ended = new PatternedRecurrence
            {
                Pattern = new RecurrencePattern
                {
                    Type = read?.Type,
                    Interval = read?.Interval,
                    DaysOfWeek = read?.DaysOfWeek?.ToList(),
                    Index = read?.Index,
                    DayOfMonth = read?.DayOfMonth,
                    Month = read?.Month,
                    FirstDayOfWeek = read?.FirstDayOfWeek,
                },
                Range = new RecurrenceRange
                {
                    Type = RecurrenceRangeType.EndDate,
                    StartDate = start,
                    EndDate = new Date(today.AddDays(-1).ToDateTime(TimeOnly.MinValue)),
                    RecurrenceTimeZone = range.RecurrenceTimeZone,
                },
            };
            await Call("end series", () => _client().Users[organiser].Events[eventId].PatchAsync(new Event { Recurrence = ended }, MayRepeat, cancellationToken)).ConfigureAwait(false);
            return CancelOutcome.Ended;
        }

        if (found.Type != EventType.SeriesMaster && StartDate(found.Start) is { } date && date < today)
        {
            return CancelOutcome.AlreadyHeld;
        }

        await Call("cancel event", async () =>
        {
            await _client().Users[organiser].Events[eventId].Cancel.PostAsync(new CancelPostRequestBody { Comment = comment }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        return CancelOutcome.Cancelled;
    }

    // A create carries a transactionId, so Graph makes one event however often it is sent; a PATCH sets values.
    private static void MayRepeat(RequestConfiguration<DefaultQueryParameters> request) => request.Options.Add(GraphResilience.Idempotent);

    private async Task<Event?> Find(string organiser, string eventId, string[] select, CancellationToken cancellationToken)
    {
        try
        {
            return await _client().Users[organiser].Events[eventId].GetAsync(r => r.QueryParameters.Select = select, cancellationToken).ConfigureAwait(false);
        }
        catch (ODataError e) when (e.ResponseStatusCode == 404)
        {
            return null;
        }
        catch (ODataError e)
        {
            throw Refused("read event", e);
        }
        catch (HttpRequestException e)
        {
            throw new CalendarRequestException("read event", 0, "NetworkFailure", e);
        }
    }

    /// <summary>Graph gives start in UTC unless asked otherwise; the council's date of it.</summary>
    private DateOnly? StartDate(DateTimeTimeZone? start)
    {
        if (start?.DateTime is not { } text || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
        {
            return null;
        }

        return string.Equals(start.TimeZone, "UTC", StringComparison.OrdinalIgnoreCase) || start.TimeZone is null
            ? _calendar.LocalDateOf(new DateTimeOffset(utc, TimeSpan.Zero))
            : DateOnly.FromDateTime(utc);
    }

    internal static Event ToEvent(CalendarEventSpec spec)
    {
        var zone = GraphTimeZones.WindowsName(spec.TimeZone);
        var start = spec.Date.ToDateTime(spec.Time);
        var end = start + spec.Duration;
        return new Event
        {
            Subject = spec.Subject,
            Body = new ItemBody { ContentType = BodyType.Text, Content = spec.BodyText },
            Start = new DateTimeTimeZone { DateTime = start.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), TimeZone = zone },
            End = new DateTimeTimeZone { DateTime = end.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), TimeZone = zone },
            IsOnlineMeeting = true,
            OnlineMeetingProvider = OnlineMeetingProviderType.TeamsForBusiness,
            AllowNewTimeProposals = false,
            ResponseRequested = true,
            Attendees = Attendees(spec),
            Recurrence = spec.Recurrence is { } recurrence ? Recurrence(recurrence, zone) : null,
        };
    }

    private static List<Attendee> Attendees(CalendarEventSpec spec) =>
    [
        .. spec.Attendees.Select(a => new Attendee
        {
            EmailAddress = new EmailAddress { Address = a.Address, Name = a.Name },
            Type = AttendeeType.Required,
        }),
    ];

    private static PatternedRecurrence Recurrence(MeetingRecurrence recurrence, string zone)
    {
        var pattern = new RecurrencePattern { Interval = recurrence.IntervalMonths };
        if (recurrence.Day.IsWeekday)
        {
            pattern.Type = RecurrencePatternType.RelativeMonthly;
            pattern.DaysOfWeek = [DayOf(recurrence.Day.Weekday!.Value)];
            pattern.Index = recurrence.Day.Week switch
            {
                WeekOfMonth.First => WeekIndex.First,
                WeekOfMonth.Second => WeekIndex.Second,
                WeekOfMonth.Third => WeekIndex.Third,
                WeekOfMonth.Fourth => WeekIndex.Fourth,
                _ => WeekIndex.Last,
            };
        }
        else
        {
            pattern.Type = RecurrencePatternType.AbsoluteMonthly;
            pattern.DayOfMonth = recurrence.Day.DayOfMonth;
        }

        return new PatternedRecurrence
        {
            Pattern = pattern,
            Range = new RecurrenceRange
            {
                Type = recurrence.EndDate is null ? RecurrenceRangeType.NoEnd : RecurrenceRangeType.EndDate,
                StartDate = new Date(recurrence.StartDate.ToDateTime(TimeOnly.MinValue)),
                EndDate = recurrence.EndDate is { } end ? new Date(end.ToDateTime(TimeOnly.MinValue)) : null,
                RecurrenceTimeZone = zone,
            },
        };
    }

    private static DayOfWeekObject DayOf(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => DayOfWeekObject.Monday,
        DayOfWeek.Tuesday => DayOfWeekObject.Tuesday,
        DayOfWeek.Wednesday => DayOfWeekObject.Wednesday,
        DayOfWeek.Thursday => DayOfWeekObject.Thursday,
        DayOfWeek.Friday => DayOfWeekObject.Friday,
        DayOfWeek.Saturday => DayOfWeekObject.Saturday,
        _ => DayOfWeekObject.Sunday,
    };

    private static async Task<T> Call<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ODataError e)
        {
            throw Refused(operation, e);
        }
        catch (ApiException e)
        {
            throw new CalendarRequestException(operation, e.ResponseStatusCode, null, e);
        }
        catch (HttpRequestException e)
        {
            throw new CalendarRequestException(operation, 0, "NetworkFailure", e);
        }
    }

    private static CalendarRequestException Refused(string operation, ODataError e) =>
        new(operation, e.ResponseStatusCode, e.Error?.Code, e);
}
