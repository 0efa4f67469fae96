using System.Globalization;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using YamlDotNet.RepresentationModel;

namespace QaBot.Core.Meetings.Schedules;

/// <summary>
/// Loads and checks the meetings file (YAML, described in docs/boards.md) against the framework catalogue. An invalid
/// file is an expected outcome: the result lists every problem with its file, line, entry and field, like the
/// catalogue's loader. Whether areas and mailboxes exist is checked when the schedules are planned, against the
/// directory and the configuration of the day.
/// </summary>
public static class MeetingScheduleLoader
{
    public const int FormatVersion = 1;

    /// <summary>Appendix A's level for supervision and My Plan/PDR: duties held with each person, never board meetings.</summary>
    public const string IndividualLevel = "individual-level";

    private static readonly string[] RootFields = ["version", "organiser", "meetings"];

    private static readonly string[] MeetingFields =
    [
        "id", "body", "duty", "subject", "rhythm", "on", "from", "until", "time", "durationMinutes", "organiser", "chair",
        "attendees", "forEachArea", "description",
    ];

    public static readonly IReadOnlyDictionary<string, MeetingCadence> CadenceNames = new Dictionary<string, MeetingCadence>(StringComparer.Ordinal)
    {
        ["monthly"] = MeetingCadence.Monthly,
        ["every-two-months"] = MeetingCadence.EveryTwoMonths,
        ["quarterly"] = MeetingCadence.Quarterly,
        ["twice-yearly"] = MeetingCadence.TwiceYearly,
        ["yearly"] = MeetingCadence.Yearly,
        ["twice-monthly"] = MeetingCadence.TwiceMonthly,
        ["half-termly"] = MeetingCadence.HalfTermly,
    };

    private static readonly Dictionary<string, bool> Together = new(StringComparer.Ordinal) { ["chair"] = true };

    private static readonly Dictionary<string, AreaKind> AreaKinds = new(StringComparer.Ordinal)
    {
        ["division"] = AreaKind.Division,
        ["service"] = AreaKind.Service,
        ["locality"] = AreaKind.Locality,
        ["team"] = AreaKind.Team,
    };

    public static MeetingScheduleLoadResult Load(string yaml, string fileName, FrameworkCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(catalogue);

        var problems = new CatalogueProblems(fileName);
        if (problems.ParseMapping(yaml, "the file must be a mapping with version and meetings (see docs/boards.md)") is not { } root)
        {
            return new(null, problems.Sorted());
        }

        var set = new Reader(problems, catalogue, fileName).Read(root);
        return problems.Count == 0 && set is not null ? new(set, []) : new(null, problems.Sorted());
    }

    /// <summary>The cadence the framework states for a body or duty, if it is one a calendar can hold.</summary>
    public static MeetingCadence? CadenceOf(Rhythm? rhythm) => rhythm switch
    {
        FixedRhythm { Cadence: FixedCadence.Monthly } => MeetingCadence.Monthly,
        FixedRhythm { Cadence: FixedCadence.EveryTwoMonths } => MeetingCadence.EveryTwoMonths,
        FixedRhythm { Cadence: FixedCadence.Quarterly } => MeetingCadence.Quarterly,
        FixedRhythm { Cadence: FixedCadence.TwiceYearly } => MeetingCadence.TwiceYearly,
        FixedRhythm { Cadence: FixedCadence.Yearly } => MeetingCadence.Yearly,
        FixedRhythm { Cadence: FixedCadence.TwiceMonthly } => MeetingCadence.TwiceMonthly,
        FixedRhythm { Cadence: FixedCadence.TimesPerYear, Count: 12 } => MeetingCadence.Monthly,
        FixedRhythm { Cadence: FixedCadence.TimesPerYear, Count: 6 } => MeetingCadence.EveryTwoMonths,
        FixedRhythm { Cadence: FixedCadence.TimesPerYear, Count: 4 } => MeetingCadence.Quarterly,
        FixedRhythm { Cadence: FixedCadence.TimesPerYear, Count: 2 } => MeetingCadence.TwiceYearly,
        FixedRhythm { Cadence: FixedCadence.TimesPerYear, Count: 1 } => MeetingCadence.Yearly,
        SchoolRhythm { Cadence: SchoolCadence.HalfTermly } => MeetingCadence.HalfTermly,
        _ => null,
    };

    public static string NameOf(MeetingCadence cadence) => CadenceNames.First(c => c.Value == cadence).Key;

    private sealed class Reader(CatalogueProblems problems, FrameworkCatalogue catalogue, string fileName)
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

        public MeetingScheduleSet? Read(YamlMappingNode root)
        {
            var fields = new YamlFields(root, string.Empty, problems, RootFields);
            var version = fields.RequiredInt("version", 1, int.MaxValue);
            if (version is not null and not FormatVersion)
            {
                fields.Error("version", $"this version of QaBot reads meetings file format {FormatVersion}, not {version}");
            }

            var organiser = Mailbox(fields, "organiser");
            var meetings = new List<MeetingSchedule>();
            var sequence = fields.RequiredSequence("meetings", "list the meetings to put in calendars (an empty list [] puts none)");
            if (sequence is not null)
            {
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    if (sequence.Children[i] is not YamlMappingNode mapping)
                    {
                        problems.Add(sequence.Children[i], $"meetings[{i}]", string.Empty, "each meeting must be a mapping of fields (body: ..., time: ...)");
                        continue;
                    }

                    if (ReadMeeting(new YamlFields(mapping, $"meetings[{i}]", problems, MeetingFields)) is { } meeting)
                    {
                        meetings.Add(meeting);
                    }
                }
            }

            return problems.Count == 0 ? new MeetingScheduleSet(fileName, organiser, meetings) : null;
        }

        private MeetingSchedule? ReadMeeting(YamlFields fields)
        {
            var before = problems.Count;
            var bodyId = fields.OptionalId("body");
            var dutyId = fields.OptionalId("duty");
            var id = fields.OptionalId("id");
            GovernanceBody? body = null;
            Duty? duty = null;
            Rhythm? stated = null;
            RoleId? statedChair = null;
            string? name = null;

            if (bodyId is null == (dutyId is null))
            {
                if (!fields.Has("body") && !fields.Has("duty"))
                {
                    fields.Error("body", "say what meets: body: <an Appendix A body id>, or duty: <a duty that is a meeting a role chairs>");
                }
                else if (bodyId is not null && dutyId is not null)
                {
                    fields.Error("duty", "give body or duty, not both");
                }
            }
            else if (bodyId is not null)
            {
                body = catalogue.FindBody(new BodyId(bodyId));
                if (body is null)
                {
                    fields.Error("body", $"unknown body '{bodyId}'; the bodies are listed in the framework catalogue (qabot framework show)");
                }
                else if (body.Level == IndividualLevel)
                {
                    fields.Error("body", $"'{body.Name}' is individual performance management: it is held as a duty with each person (supervision, My Plan/PDR), not as a board meeting");
                    body = null;
                }
                else
                {
                    stated = body.Rhythm;
                    statedChair = body.Chair;
                    name = body.Name;
                    if (id is not null && id != bodyId)
                    {
                        fields.Error("id", $"a body's meetings are kept under the body's own id: leave id out, or write id: {bodyId}");
                    }

                    id = bodyId;
                }
            }
            else
            {
                duty = catalogue.FindDuty(new DutyId(dutyId!));
                if (duty is null)
                {
                    fields.Error("duty", $"unknown duty '{dutyId}'; the duties are listed in the framework catalogue (qabot framework show)");
                }
                else if (duty.Body is { } linked)
                {
                    fields.Error("duty", $"this duty is the meetings of the body '{linked}': schedule the body instead (body: {linked})");
                    duty = null;
                }
                else if (duty.Meeting != MeetingPart.Chair)
                {
                    fields.Error("duty", $"'{dutyId}' is not a meeting a role chairs (the catalogue gives it no 'meeting: chair'); only such duties are put in calendars");
                    duty = null;
                }
                else
                {
                    stated = duty.Rhythm;
                    statedChair = duty.RoleId;
                    name = duty.Task;
                    if (id is null)
                    {
                        fields.Error("id", "a duty's meetings need an id of their own, e.g. id: locality-scrutiny");
                    }
                    else if (catalogue.FindBody(new BodyId(id)) is not null)
                    {
                        fields.Error("id", $"'{id}' is a body's id; give these meetings an id of their own");
                        id = null;
                    }
                }
            }

            if (id is not null && !_ids.TryAdd(id, fields.At("id").Start.LineNumber()))
            {
                fields.Error(fields.Has("id") ? "id" : "body", $"'{id}' is scheduled twice: already at line {_ids[id]}");
            }

            var cadence = ReadCadence(fields, stated, body is not null ? $"the body '{body.Name}'" : duty is not null ? $"the duty '{duty.Id}'" : null);
            var days = cadence is { } c ? ReadDays(fields, c) : null;
            var from = Date(fields, "from", required: true);
            var until = Date(fields, "until", required: false);
            if (from is { } f && until is { } u && u < f)
            {
                fields.Error("until", $"until ({u:yyyy-MM-dd}) is before from ({f:yyyy-MM-dd})");
            }

            var time = Time(fields);
            var minutes = fields.RequiredInt("durationMinutes", 15, 600);
            var organiser = Mailbox(fields, "organiser");
            var chair = ReadChair(fields, statedChair);
            var eachArea = ReadEachArea(fields, chair);
            var attendees = ReadAttendees(fields, eachArea is not null);
            var subject = fields.OptionalText("subject") ?? (duty is null ? name : null);
            if (subject is null && duty is not null)
            {
                fields.Error("subject", "required for a duty's meetings: the calendar subject, e.g. \"Locality scrutiny: {area}\"");
            }
            else if (subject is not null && eachArea is not null && !subject.Contains("{area}", StringComparison.Ordinal))
            {
                fields.Error("subject", "meetings held for each area need {area} in the subject, so each area's meeting can be told apart");
            }
            else if (subject is not null && eachArea is null && subject.Contains("{area}", StringComparison.Ordinal))
            {
                fields.Error("subject", "{area} only means something with forEachArea");
            }

            if (problems.Count > before || id is null || name is null || subject is null || cadence is null || days is null
                || from is null || time is null || minutes is null || attendees is null)
            {
                return null;
            }

            return new MeetingSchedule(
                new BodyId(id),
                body?.Id,
                duty?.Id,
                name,
                subject,
                cadence.Value,
                days,
                from.Value,
                until,
                time.Value,
                TimeSpan.FromMinutes(minutes.Value),
                organiser,
                chair,
                attendees,
                eachArea,
                fields.Node.Start.LineNumber(),
                fields.Path)
            {
                Description = fields.OptionalText("description") ?? duty?.Purpose,
            };
        }

        private static MeetingCadence? ReadCadence(YamlFields fields, Rhythm? stated, string? what)
        {
            if (what is null)
            {
                return null;
            }

            if (stated is StatutoryRhythm or NoCadence || stated is SchoolRhythm { Cadence: SchoolCadence.MonthlyInTermTime })
            {
                fields.Error("rhythm", $"the framework gives {what} as '{RhythmDescription.Describe(stated)}': that is not a cadence a calendar series or the term calendar can hold");
                return null;
            }

            var fromFramework = CadenceOf(stated);
            var given = fields.OptionalChoice("rhythm", CadenceNames);
            if (given is null)
            {
                if (fields.Has("rhythm"))
                {
                    return null;
                }

                if (fromFramework is null)
                {
                    fields.Error("rhythm", $"required: the framework states no rhythm for {what}; give one of {string.Join(", ", CadenceNames.Keys)}");
                }

                return fromFramework;
            }

            if (fromFramework is { } framework && framework != given)
            {
                fields.Error("rhythm",
                    $"the framework says {what} meets {RhythmDescription.Describe(stated!)}, not {NameOf(given.Value)}: leave rhythm out, or change the framework catalogue first");
                return null;
            }

            return given;
        }

        private static List<MeetingDay>? ReadDays(YamlFields fields, MeetingCadence cadence)
        {
            var node = fields.Value("on");
            var wanted = cadence == MeetingCadence.TwiceMonthly ? 2 : 1;
            var example = cadence switch
            {
                MeetingCadence.TwiceMonthly => "on: [first wednesday, third wednesday]",
                MeetingCadence.HalfTermly => "on: third wednesday (of each half-term)",
                _ => "on: first tuesday",
            };
            if (node is null || YamlFields.IsNull(node))
            {
                fields.Error("on", $"required: the day the meetings fall on, e.g. {example}");
                return null;
            }

            var items = node switch
            {
                YamlScalarNode scalar => [scalar],
                YamlSequenceNode sequence => sequence.Children.ToList(),
                _ => [],
            };

            if (items.Count != wanted)
            {
                fields.Error("on", wanted == 2
                    ? $"twice-monthly meetings need two days, e.g. {example}"
                    : $"give one day, e.g. {example}");
                return null;
            }

            var days = new List<MeetingDay>();
            foreach (var item in items)
            {
                if (item is not YamlScalarNode { Value: { } text })
                {
                    fields.Error(item, "on", $"each day must be text, e.g. {example}");
                    continue;
                }

                var day = MeetingDay.TryParse(text, out var problem);
                if (day is null)
                {
                    fields.Error(item, "on", problem!);
                }
                else if (cadence == MeetingCadence.HalfTermly && !day.IsWeekday)
                {
                    fields.Error(item, "on", $"a half-termly meeting falls on a weekday of the half-term (e.g. 'third wednesday': the third Wednesday from its first day), not on '{text}'");
                }
                else if (days.Contains(day))
                {
                    fields.Error(item, "on", $"'{text}' is given twice");
                }
                else
                {
                    days.Add(day);
                }
            }

            return days.Count == wanted ? days : null;
        }

        private RoleId? ReadChair(YamlFields fields, RoleId? stated)
        {
            var given = fields.OptionalId("chair");
            if (given is null)
            {
                return stated;
            }

            var role = new RoleId(given);
            if (catalogue.FindRole(role) is null)
            {
                fields.Error("chair", $"unknown role '{given}'");
                return null;
            }

            if (stated is { } framework && framework != role)
            {
                fields.Error("chair", $"the framework says '{framework}' chairs it: leave chair out, or change the framework catalogue first");
                return null;
            }

            return role;
        }

        private EachAreaRule? ReadEachArea(YamlFields fields, RoleId? chair)
        {
            if (!fields.Has("forEachArea") || YamlFields.IsNull(fields.Value("forEachArea")!))
            {
                return null;
            }

            var node = fields.RequiredMapping("forEachArea", "e.g. forEachArea: { within: Early Help & Safeguarding, kind: locality }");
            if (node is null)
            {
                return null;
            }

            var path = fields.Path + ".forEachArea";
            var each = new YamlFields(node, path, problems, "within", "kind", "together");
            var within = each.RequiredText("within", "the area path the areas lie in, e.g. Early Help & Safeguarding");
            var kind = each.RequiredChoice("kind", AreaKinds);
            var together = each.OptionalChoice("together", Together);
            if (together is not null && chair is null)
            {
                each.Error("together", "together: chair needs a chair: the framework's for the duty or body, or chair: on the entry");
            }

            return within is null || kind is null ? null : new EachAreaRule(within, kind.Value, node.Start.LineNumber(), path) { TogetherByChair = together == true };
        }

        private List<AttendeeRule>? ReadAttendees(YamlFields fields, bool eachArea)
        {
            var sequence = fields.RequiredSequence("attendees", "who is invited, e.g. - role: service-director");
            if (sequence is null)
            {
                return null;
            }

            if (sequence.Children.Count == 0)
            {
                fields.Error("attendees", "list at least one attendee rule (the chair is always invited as well)");
                return null;
            }

            var rules = new List<AttendeeRule>();
            var before = problems.Count;
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                var path = $"{fields.Path}.attendees[{i}]";
                if (sequence.Children[i] is not YamlMappingNode mapping)
                {
                    problems.Add(sequence.Children[i], path, string.Empty, "each attendee rule must be a mapping, e.g. { role: team-manager, area: each }");
                    continue;
                }

                var rule = new YamlFields(mapping, path, problems, "role", "area", "email", "name");
                var role = rule.OptionalId("role");
                var area = rule.OptionalText("area");
                var email = rule.OptionalText("email");
                var line = mapping.Start.LineNumber();
                if (role is null == (email is null))
                {
                    if (!rule.Has("role") && !rule.Has("email"))
                    {
                        rule.Error("role", "give role: <role id> (everyone holding it) or email: <address> (someone outside the directory)");
                    }
                    else if (role is not null && email is not null)
                    {
                        rule.Error("email", "give role or email, not both");
                    }

                    continue;
                }

                if (email is not null)
                {
                    if (!LooksLikeMailbox(email))
                    {
                        rule.Error("email", $"'{email}' is not an e-mail address");
                    }
                    else if (area is not null)
                    {
                        rule.Error("area", "area goes with role, not with email");
                    }
                    else
                    {
                        rules.Add(new AttendeeRule(null, null, false, email, rule.OptionalText("name"), line, path));
                    }

                    continue;
                }

                if (catalogue.FindRole(new RoleId(role!)) is null)
                {
                    rule.Error("role", $"unknown role '{role}'; the roles are: {string.Join(", ", catalogue.Roles.Select(r => r.Id.Value))}");
                    continue;
                }

                if (rule.Has("name"))
                {
                    rule.Error("name", "name goes with email; people found by role are named from the directory");
                    continue;
                }

                var each = string.Equals(area, "each", StringComparison.Ordinal);
                if (each && !eachArea)
                {
                    rule.Error("area", "area: each means the meeting's own area, and needs forEachArea on the meeting");
                    continue;
                }

                rules.Add(new AttendeeRule(new RoleId(role!), each ? null : area, each, null, null, line, path));
            }

            return problems.Count == before ? rules : null;
        }

        private static DateOnly? Date(YamlFields fields, string field, bool required)
        {
            var text = required ? fields.RequiredText(field, "a date, yyyy-MM-dd") : fields.OptionalText(field);
            if (text is null)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            fields.Error(field, $"'{text}' is not a date in the form yyyy-MM-dd");
            return null;
        }

        private static TimeOnly? Time(YamlFields fields)
        {
            var text = fields.RequiredText("time", "the start time, UK time, e.g. \"10:00\"");
            if (text is null)
            {
                return null;
            }

            if (TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                return time;
            }

            fields.Error("time", $"'{text}' is not a time in the form HH:mm (24-hour, UK time), e.g. \"13:30\"");
            return null;
        }

        private static string? Mailbox(YamlFields fields, string field)
        {
            var text = fields.OptionalText(field);
            if (text is not null && !LooksLikeMailbox(text))
            {
                fields.Error(field, $"'{text}' is not a mailbox address (name@domain)");
                return null;
            }

            return text?.ToLowerInvariant();
        }
    }

    public static bool LooksLikeMailbox(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < text.Length - 1 && at == text.LastIndexOf('@') && text.IndexOf('.', at) > at + 1
            && !text.Any(char.IsWhiteSpace) && !text.Contains(',', StringComparison.Ordinal);
    }
}
