using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Meetings.Schedules;
using QaBot.Core.Organisation;

namespace QaBot.Core.Meetings;

/// <summary>
/// Works out, without calling anything, which calendar events the meeting schedules need today and how they differ
/// from what QaBot last put in calendars. Attendees come from the directory as it stands, so when someone takes up or
/// leaves a role the next plan shows the change. Pure: the same input gives the same plan.
/// </summary>
public static class BoardMeetingPlanner
{
    public const string SeriesKey = "series";

    /// <summary>The field a clash (someone in two meetings at once) is reported against.</summary>
    public const string ClashField = "time";

    private const string AreaSeparator = "/";

    /// <summary>Joins the ids of areas that meet together (<c>together: chair</c>) in a meeting's key.</summary>
    private const char AreaJoiner = '+';

    public static BoardPlan Plan(BoardPlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var run = new Run(input);
        return run.Plan();
    }

    /// <summary>
    /// The transaction id for creating an event: derived from the schedule, the key and the previous attempt's id (if
    /// the event was cancelled or deleted since), so that a retried create sends the same id and cannot make a second event.
    /// </summary>
    public static string TransactionId(BodyId schedule, string key, string? previous)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"qabot-meeting|{schedule.Value}|{key}|{previous}"));
        return new Guid(hash.AsSpan(0, 16)).ToString("D");
    }

    /// <summary>The half-term a key such as <c>2026-27-ht3</c> (or <c>area/2026-27-ht3</c>) names, or null for a series key.</summary>
    public static (int StartYear, int Number)? HalfTermOfKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var last = key[(key.LastIndexOf(AreaSeparator, StringComparison.Ordinal) + 1)..];
        var marker = last.IndexOf("-ht", StringComparison.Ordinal);
        return marker == 7
            && int.TryParse(last.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(last.AsSpan(marker + 3), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? (year, number)
            : null;
    }

    private sealed class Run(BoardPlanInput input)
    {
        private readonly List<CatalogueError> _problems = [];
        private readonly List<string> _warnings = [];
        private readonly List<PlannedMeeting> _meetings = [];
        private readonly HashSet<(BodyId, string)> _keep = [];
        private readonly HashSet<BodyId> _held = [];
        private readonly Dictionary<(BodyId, string), Versioned<BoardMeetingRecord>> _records =
            input.Records.ToDictionary(r => (r.Value.Body, r.Value.Key));

        private readonly DateOnly _today = input.Calendar.LocalDateOf(input.Now);
        private readonly AreaTree _tree = input.Directory.Areas;

        public BoardPlan Plan()
        {
            foreach (var schedule in input.Schedules.Meetings)
            {
                var problemsBefore = _problems.Count;
                var meetingsBefore = _meetings.Count;
                try
                {
                    PlanSchedule(schedule);
                }
                catch (CalendarDataMissingException e)
                {
                    Problem(schedule.Line, schedule.Path, "rhythm", e.Message);
                }

                if (_problems.Count > problemsBefore)
                {
                    // A schedule with a problem is left exactly as it is in calendars until it is put right.
                    _held.Add(schedule.Id);
                    _meetings.RemoveRange(meetingsBefore, _meetings.Count - meetingsBefore);
                }
            }

            HoldClashes();
            return new BoardPlan(
                input.From,
                input.To,
                _meetings,
                Cancellations(),
                Unscheduled(),
                [.. _problems.OrderBy(p => p.Line)],
                _warnings);
        }

        private void PlanSchedule(MeetingSchedule schedule)
        {
            var organiser = schedule.Organiser ?? input.Schedules.DefaultOrganiser ?? (input.OrganiserMailboxes.Count > 0 ? input.OrganiserMailboxes[0].ToLowerInvariant() : null);
            if (organiser is null)
            {
                Problem(schedule.Line, schedule.Path, "organiser",
                    "no organiser mailbox: set organiser in the meetings file, or Graph:OrganiserMailboxes in the configuration");
                return;
            }

            if (input.OrganiserMailboxes.Count > 0 && !input.OrganiserMailboxes.Contains(organiser, StringComparer.OrdinalIgnoreCase))
            {
                Problem(schedule.Line, schedule.Path, "organiser",
                    $"{organiser} is not one of Graph:OrganiserMailboxes ({string.Join(", ", input.OrganiserMailboxes)}): QaBot may only write to those calendars");
                return;
            }

            var pathAreas = new Dictionary<string, Area>(StringComparer.Ordinal);
            var unknownArea = false;
            foreach (var rule in schedule.Attendees.Where(r => r.AreaPath is not null))
            {
                if (FindArea(rule.AreaPath!, rule.Line, rule.Path, "area") is { } area)
                {
                    pathAreas[rule.AreaPath!] = area;
                }
                else
                {
                    unknownArea = true;
                }
            }

            IReadOnlyList<IReadOnlyList<Area>> groups = [[]];
            if (schedule.EachArea is { } each)
            {
                if (FindArea(each.WithinPath, each.Line, each.Path, "within") is not { } within)
                {
                    return;
                }

                var areas = _tree.Subtree(within.Id).Where(a => a.Kind == each.Kind).ToList();
                if (areas.Count == 0)
                {
                    _warnings.Add($"{schedule.Id}: no {each.Kind.ToString().ToLowerInvariant()} areas within {_tree.PathOf(within.Id)}, so no meetings");
                }

                groups = each.TogetherByChair && schedule.Chair is { } chair
                    ? GroupByChair(chair, areas)
                    : [.. areas.Select(a => (IReadOnlyList<Area>)[a])];
            }

            if (unknownArea)
            {
                return;
            }

            foreach (var group in groups)
            {
                var attendees = Attendees(schedule, group, pathAreas);
                var prefix = group.Count == 0 ? string.Empty : string.Join(AreaJoiner, group.Select(a => a.Id.Value)) + AreaSeparator;
                var subject = group.Count == 0 ? schedule.Subject : schedule.Subject.Replace("{area}", Names(group), StringComparison.Ordinal);
                if (schedule.IsSeries)
                {
                    PlanSeries(schedule, organiser, prefix, subject, attendees);
                }
                else
                {
                    PlanHalfTerms(schedule, organiser, prefix, subject, attendees);
                }
            }
        }

        /// <summary>Areas whose chairs are the same people meet together; an area nobody chairs keeps its own meeting (and a warning).</summary>
        private List<IReadOnlyList<Area>> GroupByChair(RoleId chair, List<Area> areas) =>
            [.. areas
                .GroupBy(area => string.Join(',', ChairsOf(chair, [area]).Select(p => p.Id.Value).Order(StringComparer.Ordinal)) is { Length: > 0 } chairs
                    ? chairs
                    : "none:" + area.Id.Value)
                .Select(g => (IReadOnlyList<Area>)[.. g])];

        private IEnumerable<Person> ChairsOf(RoleId chair, IReadOnlyList<Area> group) => input.Directory.ActivePeople
            .Where(p => p.HoldsRole(chair, _today))
            .Where(p => group.Count == 0 || p.Areas.Any(a => group.Any(g => g.Id.IsWithin(a))));

        private static string Names(IReadOnlyList<Area> group) => group.Count == 1
            ? group[0].Name
            : string.Join(", ", group.Take(group.Count - 1).Select(a => a.Name)) + " and " + group[^1].Name;

        /// <summary>
        /// Nobody is booked into two meetings at once. Every clash for a chair or an attendee is a problem naming who,
        /// when, which meetings and their lines in the file, and the schedules involved are held (left as they are in
        /// calendars) until the file is put right.
        /// </summary>
        private void HoldClashes()
        {
            var lines = input.Schedules.Meetings.ToDictionary(m => m.Id, m => (m.Line, m.Path));
            var slots = new Dictionary<string, List<Slot>>(StringComparer.OrdinalIgnoreCase);
            foreach (var meeting in _meetings)
            {
                foreach (var date in meeting.Occurrences)
                {
                    var start = input.Calendar.ToInstant(date, meeting.Event.Time);
                    foreach (var attendee in meeting.Event.Attendees)
                    {
                        if (!slots.TryGetValue(attendee.Address, out var list))
                        {
                            slots[attendee.Address] = list = [];
                        }

                        list.Add(new Slot(meeting, date, start, start + meeting.Event.Duration));
                    }
                }
            }

            var clashes = new Dictionary<(string Address, PlannedMeeting First, PlannedMeeting Second), List<DateOnly>>();
            foreach (var (address, list) in slots.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase))
            {
                list.Sort((a, b) => a.Start.CompareTo(b.Start));
                for (var i = 0; i < list.Count; i++)
                {
                    for (var j = i + 1; j < list.Count && list[j].Start < list[i].End; j++)
                    {
                        if (ReferenceEquals(list[i].Meeting, list[j].Meeting))
                        {
                            continue;
                        }

                        var key = (address, list[i].Meeting, list[j].Meeting);
                        if (!clashes.TryGetValue(key, out var dates))
                        {
                            clashes[key] = dates = [];
                        }

                        dates.Add(list[i].Date);
                    }
                }
            }

            var held = new HashSet<BodyId>();
            foreach (var ((address, first, second), dates) in clashes)
            {
                var who = first.Event.Attendees.First(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase));
                var (line, path) = lines[second.ScheduleId];
                var (firstLine, _) = lines[first.ScheduleId];
                var shown = string.Join(", ", dates.Distinct().Take(6).Select(d => d.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)));
                var more = dates.Distinct().Count() > 6 ? $" and {dates.Distinct().Count() - 6} more dates" : string.Empty;
                _problems.Add(new CatalogueError(input.Schedules.File, line, 1, path, ClashField,
                    $"{who.Name} ({address}) would be in two meetings at once: '{first.Event.Subject}' at {first.Event.Time:HH:mm} (line {firstLine}) and " +
                    $"'{second.Event.Subject}' at {second.Event.Time:HH:mm} (line {line}), on {shown}{more}. Give one of them another day or time; " +
                    "where one chair leads several areas, forEachArea's together: chair holds one meeting for them all"));
                held.Add(first.ScheduleId);
                held.Add(second.ScheduleId);
            }

            _held.UnionWith(held);
            _meetings.RemoveAll(m => held.Contains(m.ScheduleId));
        }

        private sealed record Slot(PlannedMeeting Meeting, DateOnly Date, DateTimeOffset Start, DateTimeOffset End);

        private void PlanSeries(MeetingSchedule schedule, string organiser, string prefix, string subject, IReadOnlyList<MeetingAttendee> attendees)
        {
            var interval = schedule.Cadence switch
            {
                MeetingCadence.Monthly or MeetingCadence.TwiceMonthly => 1,
                MeetingCadence.EveryTwoMonths => 2,
                MeetingCadence.Quarterly => 3,
                MeetingCadence.TwiceYearly => 6,
                MeetingCadence.Yearly => 12,
                _ => throw new InvalidOperationException($"{schedule.Cadence} is not a series."),
            };

            for (var i = 0; i < schedule.Days.Count; i++)
            {
                var key = prefix + (i == 0 ? SeriesKey : string.Create(CultureInfo.InvariantCulture, $"{SeriesKey}-{i + 1}"));
                var first = MeetingRecurrence.FirstOnOrAfter(schedule.Days[i], schedule.From, schedule.Until);
                if (first is null)
                {
                    _warnings.Add($"{schedule.Id}: no {schedule.Days[i]} falls between {schedule.From:yyyy-MM-dd} and {schedule.Until:yyyy-MM-dd}, so no meetings");
                    continue;
                }

                var recurrence = new MeetingRecurrence(schedule.Days[i], interval, first.Value, schedule.Until);
                var occurrences = recurrence.Occurrences(input.From, input.To).ToList();
                foreach (var date in occurrences.Where(d => input.Calendar.HasBankHolidays(d.Year) && input.Calendar.IsBankHoliday(d)))
                {
                    _warnings.Add($"{subject}: {date:ddd d MMM yyyy} is a bank holiday; choose another day in the meetings file, or move that meeting in Outlook");
                }

                Add(schedule, key, organiser, subject, first.Value, recurrence, provisional: false, occurrences, attendees, null);
            }
        }

        private void PlanHalfTerms(MeetingSchedule schedule, string organiser, string prefix, string subject, IReadOnlyList<MeetingAttendee> attendees)
        {
            var from = input.From > schedule.From ? input.From : schedule.From;
            var to = schedule.Until is { } until && until < input.To ? until : input.To;
            if (from > to)
            {
                return;
            }

            var day = schedule.Days[0];
            for (var startYear = SchoolYear.StartYearOf(from); startYear <= SchoolYear.StartYearOf(to); startYear++)
            {
                var year = input.Calendar.SchoolYearStarting(startYear);
                foreach (var halfTerm in year.HalfTerms)
                {
                    var key = prefix + string.Create(CultureInfo.InvariantCulture, $"{startYear}-{(startYear + 1) % 100:00}-ht{halfTerm.Number}");
                    if (day.Within(halfTerm.First, halfTerm.Last) is not { } date)
                    {
                        Problem(schedule.Line, schedule.Path, "on", $"{halfTerm.Name} {year.Label} ({halfTerm.First:d MMM} to {halfTerm.Last:d MMM yyyy}) has no {day}; choose an earlier week");
                        continue;
                    }

                    date = TermDayNear(date, halfTerm);
                    if (date < from || date > to)
                    {
                        continue;
                    }

                    if (input.Calendar.ToInstant(date, schedule.Time) <= input.Now)
                    {
                        _keep.Add((schedule.Id, key));
                        continue;
                    }

                    var provisional = halfTerm.Provisional || year.Provisional;
                    Add(schedule, key, organiser, subject, date, null, provisional, [date], attendees, $"{halfTerm.Name} {year.Label}");
                }
            }
        }

        /// <summary>A meeting day that is not a term day (a bank holiday or closure) moves to the next term day in the half-term, else the one before.</summary>
        private DateOnly TermDayNear(DateOnly date, HalfTerm halfTerm)
        {
            for (var day = date; day <= halfTerm.Last; day = day.AddDays(1))
            {
                if (input.Calendar.IsTermDay(day))
                {
                    return day;
                }
            }

            for (var day = date.AddDays(-1); day >= halfTerm.First; day = day.AddDays(-1))
            {
                if (input.Calendar.IsTermDay(day))
                {
                    return day;
                }
            }

            return date;
        }

        private void Add(
            MeetingSchedule schedule,
            string key,
            string organiser,
            string subject,
            DateOnly date,
            MeetingRecurrence? recurrence,
            bool provisional,
            IReadOnlyList<DateOnly> occurrences,
            IReadOnlyList<MeetingAttendee> attendees,
            string? halfTerm)
        {
            var spec = new CalendarEventSpec(
                subject,
                BodyText(schedule, provisional, halfTerm),
                date,
                schedule.Time,
                schedule.Duration,
                input.Calendar.Zone.Id,
                recurrence,
                attendees);
            var fingerprint = Fingerprint(organiser, spec);
            var addresses = attendees.Select(a => a.Address.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
            var start = input.Calendar.ToInstant(date, schedule.Time);

            _records.TryGetValue((schedule.Id, key), out var existing);
            var record = existing?.Value;
            BoardMeetingAction action;
            var changes = new List<string>();
            string transactionId;
            BoardMeetingRecord? replaces = null;
            var attendeesOnly = false;

            if (record is null)
            {
                action = BoardMeetingAction.Create;
                transactionId = TransactionId(schedule.Id, key, null);
            }
            else if (record.State == BoardMeetingState.Planned || record.GraphEventId is null)
            {
                // A create that may have reached Graph before the process stopped: the same transaction id finds it.
                action = BoardMeetingAction.Create;
                transactionId = record.TransactionId;
            }
            else if (record.State == BoardMeetingState.Cancelled)
            {
                action = BoardMeetingAction.Create;
                transactionId = TransactionId(schedule.Id, key, record.TransactionId);
            }
            else if (!string.Equals(record.Organiser, organiser, StringComparison.OrdinalIgnoreCase))
            {
                action = BoardMeetingAction.Create;
                transactionId = TransactionId(schedule.Id, key, record.TransactionId);
                replaces = record;
                changes.Add($"organiser: {record.Organiser} to {organiser} (cancelled there, created here)");
            }
            else
            {
                transactionId = record.TransactionId;
                var added = addresses.Except(record.Attendees, StringComparer.OrdinalIgnoreCase).ToList();
                var removed = record.Attendees.Except(addresses, StringComparer.OrdinalIgnoreCase).ToList();
                if (added.Count > 0)
                {
                    changes.Add("attendees added: " + string.Join(", ", added));
                }

                if (removed.Count > 0)
                {
                    changes.Add("attendees removed: " + string.Join(", ", removed));
                }

                var detailsChanged = !string.Equals(record.Fingerprint, fingerprint, StringComparison.Ordinal);
                if (detailsChanged)
                {
                    changes.Add("details: the time, day, subject, description or recurrence");
                }

                action = changes.Count == 0 ? BoardMeetingAction.Unchanged : BoardMeetingAction.Update;
                attendeesOnly = !detailsChanged;
            }

            _meetings.Add(new PlannedMeeting(
                action,
                schedule.Id,
                key,
                schedule.Name,
                organiser,
                spec,
                start,
                start + schedule.Duration,
                provisional,
                occurrences,
                transactionId,
                fingerprint,
                existing,
                changes,
                replaces)
            {
                AttendeesOnly = attendeesOnly,
            });
        }

        private List<MeetingAttendee> Attendees(MeetingSchedule schedule, IReadOnlyList<Area> group, Dictionary<string, Area> pathAreas)
        {
            var chart = input.Directory;
            var byAddress = new Dictionary<string, MeetingAttendee>(StringComparer.OrdinalIgnoreCase);

            void AddPerson(Person person, bool chair)
            {
                if (byAddress.TryGetValue(person.Upn, out var existing))
                {
                    if (chair && !existing.Chair)
                    {
                        byAddress[person.Upn] = existing with { Chair = true };
                    }

                    return;
                }

                byAddress[person.Upn] = new MeetingAttendee(person.Upn, person.DisplayName, person.Id, chair);
            }

            var where = group.Count == 0 ? string.Empty : $" for {Names(group)}";
            if (schedule.Chair is { } chairRole)
            {
                var chairs = ChairsOf(chairRole, group).ToList();
                if (chairs.Count == 0)
                {
                    _warnings.Add($"{schedule.Id}{where}: nobody in the directory holds the chair's role '{chairRole}'");
                }

                chairs.ForEach(p => AddPerson(p, chair: true));
            }

            foreach (var rule in schedule.Attendees)
            {
                if (rule.Email is { } email)
                {
                    byAddress.TryAdd(email, new MeetingAttendee(email.ToLowerInvariant(), rule.Name ?? email, null, false));
                    continue;
                }

                IReadOnlyList<Area> scope = rule.EachArea ? group : rule.AreaPath is { } path ? [pathAreas[path]] : [];
                var holders = chart.ActivePeople
                    .Where(p => p.HoldsRole(rule.Role!.Value, _today))
                    .Where(p => scope.Count == 0 || scope.Any(a => p.WorksIn(a.Id)))
                    .ToList();
                if (holders.Count == 0)
                {
                    _warnings.Add($"{schedule.Id}{where}: nobody holds '{rule}'");
                }

                holders.ForEach(p => AddPerson(p, chair: false));
            }

            return [.. byAddress.Values
                .OrderByDescending(a => a.Chair)
                .ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
                .ThenBy(a => a.Address, StringComparer.OrdinalIgnoreCase)];
        }

        private string BodyText(MeetingSchedule schedule, bool provisional, string? halfTerm)
        {
            var text = new StringBuilder();
            text.Append(schedule.Name).Append('.');
            if (schedule.Chair is { } chair && input.Catalogue.FindRole(chair) is { } role)
            {
                text.Append(" Chair: ").Append(role.Name).Append('.');
            }

            if (halfTerm is not null)
            {
                text.Append(" Half-termly meeting for ").Append(halfTerm).Append('.');
            }

            text.AppendLine();
            if (schedule.Description is { } description)
            {
                text.AppendLine().AppendLine(description);
            }

            if (provisional)
            {
                text.AppendLine().AppendLine(
                    "Provisional date: it is worked out from school term dates the council has not yet confirmed, and will move if they change.");
            }

            text.AppendLine().Append(
                "QaBot keeps this invitation in step with the council's meeting schedule and staff directory: who is invited " +
                "follows who holds each role. Changes made to the invitation by hand may be replaced at the next update.");
            return text.ToString();
        }

        private Area? FindArea(string path, int line, string yamlPath, string field)
        {
            if (_tree.FindByPath(path) is { } area)
            {
                return area;
            }

            var suggestions = _tree.Suggest(path, 2).Select(a => $"'{_tree.PathOf(a.Id)}'").ToList();
            Problem(line, yamlPath, field, _tree.Root is null
                ? $"unknown area '{path}': the directory has no areas yet (qabot people import, or directory sync)"
                : $"unknown area '{path}'" + (suggestions.Count > 0 ? $" (did you mean {string.Join(" or ", suggestions)}?)" : string.Empty));
            return null;
        }

        private List<MeetingCancellation> Cancellations()
        {
            var planned = _meetings.Select(m => (m.ScheduleId, m.Key)).ToHashSet();
            var schedules = input.Schedules.Meetings.ToDictionary(s => s.Id);
            var cancellations = new List<MeetingCancellation>();
            foreach (var record in input.Records.OrderBy(r => r.Value.Body.Value, StringComparer.Ordinal).ThenBy(r => r.Value.Key, StringComparer.Ordinal))
            {
                var value = record.Value;
                var id = (value.Body, value.Key);
                if (value.State == BoardMeetingState.Cancelled || planned.Contains(id) || _keep.Contains(id) || _held.Contains(value.Body))
                {
                    continue;
                }

                schedules.TryGetValue(value.Body, out var schedule);
                if (schedule is not null && HalfTermOfKey(value.Key) is { } halfTermKey && OutsideWindow(halfTermKey))
                {
                    continue;
                }

                var name = schedule?.Name ?? input.Catalogue.FindBody(value.Body)?.Name ?? value.Body.Value;
                var areaPart = value.Key.Contains(AreaSeparator, StringComparison.Ordinal) ? value.Key[..value.Key.LastIndexOf(AreaSeparator, StringComparison.Ordinal)] : null;
                var gone = areaPart?.Split(AreaJoiner).FirstOrDefault(part => !(AreaId.TryParse(part, out var areaId) && _tree.IsCurrent(areaId)));
                var reason = schedule is null
                    ? "no longer in the meetings file"
                    : gone is not null
                        ? $"area {gone} is no longer in the directory"
                        : areaPart is not null && areaPart.Contains(AreaJoiner, StringComparison.Ordinal)
                            ? "the areas meeting together changed (their chair now leads others)"
                            : "no longer in the schedule (its days or rhythm changed)";
                cancellations.Add(new MeetingCancellation(record, name, reason));
            }

            return cancellations;
        }

        private bool OutsideWindow((int StartYear, int Number) key)
        {
            if (!input.Calendar.HasSchoolYear(key.StartYear))
            {
                return false;
            }

            var halfTerms = input.Calendar.SchoolYearStarting(key.StartYear).HalfTerms;
            if (key.Number < 1 || key.Number > halfTerms.Count)
            {
                return false;
            }

            var halfTerm = halfTerms[key.Number - 1];
            return halfTerm.Last < input.From || halfTerm.First > input.To || halfTerm.Last < _today;
        }

        private List<UnscheduledMeeting> Unscheduled()
        {
            var scheduledBodies = input.Schedules.Meetings.Where(s => s.Body is not null).Select(s => s.Body!.Value).ToHashSet();
            var scheduledDuties = input.Schedules.Meetings.Where(s => s.Duty is not null).Select(s => s.Duty!.Value).ToHashSet();
            var list = new List<UnscheduledMeeting>();
            foreach (var body in input.Catalogue.Bodies.Where(b => b.Level != MeetingScheduleLoader.IndividualLevel && !scheduledBodies.Contains(b.Id)))
            {
                list.Add(new UnscheduledMeeting("body", body.Id.Value, body.Name, body.Rhythm is null
                    ? "the framework gives no rhythm: unscheduled until the council sets one"
                    : $"the framework says {RhythmDescription.Describe(body.Rhythm)}: add it to the meetings file"));
            }

            foreach (var duty in input.Catalogue.Duties.Where(d => d.Meeting == MeetingPart.Chair && d.Body is null && !scheduledDuties.Contains(d.Id)))
            {
                list.Add(new UnscheduledMeeting("duty", duty.Id.Value, duty.Task, MeetingScheduleLoader.CadenceOf(duty.Rhythm) is null
                    ? $"the framework says {RhythmDescription.Describe(duty.Rhythm)}: no calendar series"
                    : $"the framework says {RhythmDescription.Describe(duty.Rhythm)}: add it to the meetings file"));
            }

            return list;
        }

        private void Problem(int line, string path, string field, string message) =>
            _problems.Add(new CatalogueError(input.Schedules.File, line, 1, path, field, message));

        private static string Fingerprint(string organiser, CalendarEventSpec spec)
        {
            var recurrence = spec.Recurrence is { } r ? $"{r.Day}|{r.IntervalMonths}|{r.StartDate:yyyy-MM-dd}|{r.EndDate:yyyy-MM-dd}" : "once";
            var text = string.Join(
                "\n",
                organiser.ToLowerInvariant(),
                spec.Subject,
                spec.BodyText,
                spec.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                spec.Time.ToString("HH:mm", CultureInfo.InvariantCulture),
                ((int)spec.Duration.TotalMinutes).ToString(CultureInfo.InvariantCulture),
                spec.TimeZone,
                recurrence);
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
        }
    }
}
