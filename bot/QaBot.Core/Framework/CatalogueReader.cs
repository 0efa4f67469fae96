using YamlDotNet.RepresentationModel;

namespace QaBot.Core.Framework;

/// <summary>
/// Reads one catalogue document into a <see cref="FrameworkCatalogue"/>, reporting every problem it finds. Sections
/// are read in dependency order (settings, rules, roles, appendix levels and groups, bodies, duties, general duties),
/// whatever their order in the file, and cross-references are checked once everything has been read.
/// </summary>
/// <remarks>
/// To add an optional field to duties: add its name to <see cref="DutyFields"/>, read it in <see cref="ReadDuty"/>
/// with one of the <see cref="YamlFields"/> readers, and carry it on <see cref="Duty"/> as an init property.
/// </remarks>
internal sealed class CatalogueReader(CatalogueProblems problems)
{
    private static readonly string[] RootFields =
        ["format", "version", "effectiveFrom", "settings", "statutoryRules", "roles", "generalDuties", "duties", "bodyLevels", "bodyGroups", "bodies"];

    private static readonly string[] DutyFields =
    [
        "id", "role", "task", "purpose", "frequency", "frequencyPart", "biMonthly", "perYear", "statutoryRules",
        "perReport", "metBy", "meeting", "body", "note", "sourceRow", "scheduledFrom",
    ];

    private static readonly string[] BodyFields = ["id", "name", "group", "chair", "frequency", "biMonthly", "perYear", "note"];

    private static readonly Dictionary<string, BiMonthlyReading> BiMonthlyChoices = new(StringComparer.Ordinal)
    {
        [RhythmDescription.Name(BiMonthlyReading.EveryTwoMonths)] = BiMonthlyReading.EveryTwoMonths,
        [RhythmDescription.Name(BiMonthlyReading.TwiceAMonth)] = BiMonthlyReading.TwiceAMonth,
    };

    private static readonly Dictionary<string, MeetingPart> MeetingChoices = new(StringComparer.Ordinal)
    {
        [RhythmDescription.Name(MeetingPart.Chair)] = MeetingPart.Chair,
        [RhythmDescription.Name(MeetingPart.Attend)] = MeetingPart.Attend,
    };

    private static readonly Dictionary<string, DutySource> ScheduledFromChoices = new(StringComparer.Ordinal)
    {
        [Duty.CalendarSource] = DutySource.Calendar,
        [Duty.LearningDaysHeldSource] = DutySource.LearningDaysHeld,
        [Duty.ProgrammeSource] = DutySource.Programme,
    };

    private readonly Dictionary<string, RoleDraft> _roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StatutoryRuleDeclaration> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BodyLevel> _levels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BodyGroup> _groups = new(StringComparer.Ordinal);

    // Every entry with a good id is known by that id even when other fields of it are wrong, so that a mistake in
    // one entry is reported once rather than again at everything that refers to it.
    private readonly Dictionary<string, bool> _knownDuties = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KnownBody> _knownBodies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GeneralDuty> _generalDuties = new(StringComparer.Ordinal);
    private readonly List<RoleDraft> _roleOrder = [];
    private readonly List<DutyDraft> _dutyOrder = [];
    private readonly List<GovernanceBody> _bodyOrder = [];
    private readonly List<GeneralDuty> _generalOrder = [];
    private readonly List<BodyLevel> _levelOrder = [];
    private readonly List<BodyGroup> _groupOrder = [];

    // Where each id was first defined, to say where a duplicate clashes.
    private readonly Dictionary<string, int> _firstLine = new(StringComparer.Ordinal);

    // Until the settings are read (or when they are missing), every programme counts as configured, so that a missing
    // settings section is reported once rather than again at every duty.
    private int _version = 1;
    private DateOnly? _effectiveFrom;

    private FrequencySettings _settings = new(BiMonthlyReading.EveryTwoMonths, ProgrammeSettings.All.ToDictionary(s => s, _ => 0));

    public FrameworkCatalogue? Read(YamlMappingNode root)
    {
        var fields = new YamlFields(root, string.Empty, problems, RootFields);

        var format = fields.OptionalInt("format", 1, int.MaxValue);
        if (format is not null and not FrameworkCatalogueLoader.FormatVersion)
        {
            fields.Error("format", $"this version of QaBot reads catalogue format {FrameworkCatalogueLoader.FormatVersion}, not {format}");
        }

        _version = fields.RequiredInt("version", 1, int.MaxValue) ?? 1;
        _effectiveFrom = ReadEffectiveFrom(fields, _version);

        ReadSettings(fields);
        ReadStatutoryRules(fields);
        ReadRoles(fields);
        ReadLevelsAndGroups(fields);
        ReadBodies(fields);
        ReadDuties(fields);
        ReadGeneralDuties(fields);
        CheckReferences();

        return problems.Count == 0 ? Build() : null;
    }

    /// <summary>
    /// The date a version takes effect. The first version may leave it out (it has always been in effect); every later
    /// one must give it, because that is the day open items of changed and removed duties are superseded.
    /// </summary>
    private static DateOnly? ReadEffectiveFrom(YamlFields fields, int version)
    {
        var text = fields.OptionalText("effectiveFrom");
        if (text is null)
        {
            if (version > 1)
            {
                fields.Error("effectiveFrom", $"required field 'effectiveFrom' is missing: version {version} must say the date it takes effect (yyyy-MM-dd), when open items of changed or removed duties are superseded");
            }

            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            fields.Error("effectiveFrom", $"'{text}' is not a date: write it as yyyy-MM-dd, for example 2027-04-01");
            return null;
        }

        return date;
    }

    private void ReadSettings(YamlFields root)
    {
        var node = root.RequiredMapping("settings", "it gives the readings of ambiguous frequency words (biMonthly, programmes)");
        if (node is null)
        {
            return;
        }

        var fields = new YamlFields(node, "settings", problems, "biMonthly", "programmes");
        var biMonthly = fields.RequiredChoice("biMonthly", BiMonthlyChoices);

        var programmes = new Dictionary<string, int>(StringComparer.Ordinal);
        var programmesNode = fields.RequiredMapping("programmes", "it gives the yearly count of each programme phrase");
        if (programmesNode is null)
        {
            programmes = new Dictionary<string, int>(_settings.ProgrammesPerYear, StringComparer.Ordinal);
        }
        else
        {
            var programmeFields = new YamlFields(programmesNode, "settings.programmes", problems, [.. ProgrammeSettings.All]);
            foreach (var setting in ProgrammeSettings.All.Where(programmeFields.Has))
            {
                // A bad count is reported here; the setting still counts as given so that every duty using it does not report it again.
                programmes[setting] = programmeFields.RequiredInt(setting, 0, ProgrammeSettings.MaxPerYear) ?? 0;
            }
        }

        _settings = new FrequencySettings(biMonthly ?? BiMonthlyReading.EveryTwoMonths, programmes);
    }

    private void ReadStatutoryRules(YamlFields root)
    {
        var sequence = root.OptionalSequence("statutoryRules");
        foreach (var (fields, _) in Entries(sequence, "statutoryRules"))
        {
            var id = fields.RequiredId("id");
            var description = fields.RequiredText("description", "say what the rule is and where it comes from");
            if (id is not null && Unique("statutory rule", "rule:" + id, id, fields) && description is not null)
            {
                _rules[id] = new StatutoryRuleDeclaration(id, description);
            }
        }
    }

    private void ReadRoles(YamlFields root)
    {
        var sequence = root.RequiredSequence("roles", "list the roles of section 3.0's table, each with an id and a name");
        if (sequence is not null && sequence.Children.Count == 0)
        {
            root.Error("roles", "the catalogue must have at least one role");
        }

        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (fields, _) in Entries(sequence, "roles"))
        {
            var id = fields.RequiredId("id");
            var name = fields.RequiredText("name", "the role as the framework's table writes it");
            if (name is not null && !names.TryAdd(name, fields.At("name").Start.LineNumber()))
            {
                fields.Error("name", $"the role name '{name}' is already used at line {names[name]}");
            }

            if (id is not null && Unique("role", "role:" + id, id, fields))
            {
                var role = new RoleDraft(id, name ?? string.Empty, fields.OptionalBool("everyManager") ?? false);
                _roles[id] = role;
                _roleOrder.Add(role);
            }
        }
    }

    private void ReadLevelsAndGroups(YamlFields root)
    {
        foreach (var (fields, _) in Entries(root.RequiredSequence("bodyLevels", "list Appendix A's levels, each with an id and a name"), "bodyLevels"))
        {
            var id = fields.RequiredId("id");
            var name = fields.RequiredText("name");
            if (id is not null && Unique("level", "level:" + id, id, fields) && name is not null)
            {
                var level = new BodyLevel(id, name);
                _levels[id] = level;
                _levelOrder.Add(level);
            }
        }

        foreach (var (fields, _) in Entries(root.RequiredSequence("bodyGroups", "list Appendix A's groups, each with an id, a name and its level"), "bodyGroups"))
        {
            var id = fields.RequiredId("id");
            var name = fields.RequiredText("name");
            var level = fields.RequiredId("level", "the id of one of the bodyLevels");
            if (level is not null && !_levels.ContainsKey(level))
            {
                fields.Error("level", $"unknown level '{level}'; the levels are: {string.Join(", ", _levels.Keys)}");
                level = null;
            }

            if (id is not null && Unique("group", "group:" + id, id, fields) && name is not null && level is not null)
            {
                var group = new BodyGroup(id, name, level);
                _groups[id] = group;
                _groupOrder.Add(group);
            }
        }
    }

    private void ReadBodies(YamlFields root)
    {
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var linesInGroup = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (fields, _) in Entries(root.RequiredSequence("bodies", "list every body of Appendix A"), "bodies", BodyFields))
        {
            var id = fields.RequiredId("id");
            var name = fields.RequiredText("name", "the body as Appendix A writes it");
            if (name is not null && !names.TryAdd(name, fields.At("name").Start.LineNumber()))
            {
                fields.Error("name", $"the body '{name}' is already listed at line {names[name]}");
            }

            var groupId = fields.RequiredId("group", $"the id of one of the bodyGroups ({string.Join(", ", _groups.Keys)})");
            BodyGroup? group = null;
            if (groupId is not null && !_groups.TryGetValue(groupId, out group))
            {
                fields.Error("group", $"unknown group '{groupId}'; the groups are: {string.Join(", ", _groups.Keys)}");
            }

            const string notStated = "write null where the framework does not state it";
            var (_, chairText) = fields.RequiredNullableText("chair", $"the id of the role that chairs the body; {notStated}");
            RoleId? chair = null;
            if (chairText is not null)
            {
                if (!Slug.IsValid(chairText))
                {
                    fields.Error("chair", YamlFields.BadSlug(chairText));
                }
                else if (!_roles.ContainsKey(chairText))
                {
                    fields.Error("chair", $"unknown role '{chairText}'; the roles are: {string.Join(", ", _roles.Keys)}");
                }
                else
                {
                    chair = new RoleId(chairText);
                }
            }

            var (_, frequency) = fields.RequiredNullableText("frequency", $"how often the body meets, in the framework's words; {notStated}");
            var overrides = new FrequencyOverrides(
                fields.OptionalChoice("biMonthly", BiMonthlyChoices),
                fields.OptionalInt("perYear", 0, ProgrammeSettings.MaxPerYear));
            Rhythm? rhythm = null;
            string? interpretation = null;
            if (frequency is not null)
            {
                (rhythm, interpretation) = ReadRhythm(fields, "frequency", frequency, overrides);
                if (rhythm is StatutoryRhythm or NoCadence)
                {
                    fields.Error("frequency", $"a body's frequency must be a meeting cadence (fixed, school calendar or programme), not “{frequency}”");
                    rhythm = null;
                }
            }
            else if (overrides.BiMonthly is not null || overrides.PerYear is not null)
            {
                fields.Error(fields.Has("biMonthly") ? "biMonthly" : "perYear", "applies only to a body with a frequency");
            }

            var note = fields.OptionalText("note");

            if (id is null || !Unique("body", "body:" + id, id, fields))
            {
                continue;
            }

            _knownBodies[id] = new KnownBody(chair, ChairIsKnown: chairText is null || chair is not null);
            if (name is null || group is null)
            {
                continue;
            }

            var line = linesInGroup[group.Id] = linesInGroup.GetValueOrDefault(group.Id) + 1;
            _bodyOrder.Add(new GovernanceBody(new BodyId(id), name, group.Level, group.Id, chair, rhythm, new SourceRow("Appendix A", group.Name, line))
            {
                Frequency = frequency,
                Interpretation = interpretation,
                Note = note,
            });
        }
    }

    private void ReadDuties(YamlFields root)
    {
        var sequence = root.RequiredSequence("duties", "list every task line of section 3.0's table");
        if (sequence is not null && sequence.Children.Count == 0)
        {
            root.Error("duties", "the catalogue must have at least one duty");
        }

        foreach (var (fields, _) in Entries(sequence, "duties", DutyFields))
        {
            ReadDuty(fields);
        }
    }

    private void ReadDuty(YamlFields fields)
    {
        var id = fields.RequiredId("id");
        var roleId = fields.RequiredId("role", $"every duty belongs to a role: give the id of one of the roles ({string.Join(", ", _roles.Keys)})");
        if (roleId is not null && !_roles.ContainsKey(roleId))
        {
            fields.Error("role", $"unknown role '{roleId}'; the roles are: {string.Join(", ", _roles.Keys)}");
            roleId = null;
        }

        var task = fields.RequiredText("task", "the task as the framework writes it");
        var purpose = fields.RequiredText("purpose", "the purpose as the framework writes it");
        var frequency = fields.RequiredText("frequency", "the frequency exactly as the framework writes it");
        var part = fields.OptionalText("frequencyPart");
        if (part is not null && frequency is not null
            && !FrequencyParser.Normalise(frequency).Contains(FrequencyParser.Normalise(part), StringComparison.Ordinal))
        {
            fields.Error("frequencyPart", $"frequencyPart must be part of the frequency “{frequency}”");
            part = null;
        }

        var rules = fields.OptionalIdList("statutoryRules");
        foreach (var (rule, node) in rules ?? [])
        {
            if (!_rules.ContainsKey(rule))
            {
                fields.Error(node, "statutoryRules",
                    $"unknown statutory rule '{rule}'; the rules declared under statutoryRules are: {string.Join(", ", _rules.Keys)}");
            }
        }

        var overrides = new FrequencyOverrides(
            fields.OptionalChoice("biMonthly", BiMonthlyChoices),
            fields.OptionalInt("perYear", 0, ProgrammeSettings.MaxPerYear),
            rules?.Select(r => r.Id).ToList());

        Rhythm? rhythm = null;
        string? interpretation = null;
        if (frequency is not null)
        {
            var phraseField = part is null ? "frequency" : "frequencyPart";
            (rhythm, interpretation) = ReadRhythm(fields, phraseField, part ?? frequency, overrides);
        }

        var perReport = fields.OptionalBool("perReport") ?? false;
        var metBy = fields.OptionalIdList("metBy");
        var meeting = fields.OptionalChoice("meeting", MeetingChoices);
        var body = fields.OptionalId("body");
        var note = fields.OptionalText("note");
        var source = fields.OptionalChoice("scheduledFrom", ScheduledFromChoices);
        if (source == DutySource.LearningDaysHeld && (perReport || metBy is not null || meeting is not null || rules is not null))
        {
            fields.Error("scheduledFrom", "a duty owed after practice learning days is owed once per day held by each holder of its role: it cannot also be perReport, metBy, a meeting or follow statutoryRules");
        }

        if (source == DutySource.Programme && (perReport || metBy is not null || meeting == MeetingPart.Chair || rules is not null || rhythm is { PerYear: null or 0 }))
        {
            fields.Error("scheduledFrom", "a programme is each holder's own plan for the year, measured against a number a year: it needs a rhythm with a count a year and cannot also be perReport, metBy, a meeting chaired or follow statutoryRules");
        }
        var sourceRow = ReadSourceRow(fields);

        if (id is null || !Unique("duty", "duty:" + id, id, fields))
        {
            return;
        }

        _knownDuties[id] = perReport;

        if (roleId is null || task is null || purpose is null || frequency is null || rhythm is null || sourceRow is null)
        {
            return;
        }

        var duty = new Duty(new DutyId(id), new RoleId(roleId), task, purpose, frequency, rhythm, perReport, sourceRow,
            metBy?.Select(m => new DutyId(m.Id)).ToList() ?? [])
        {
            FrequencyPart = part,
            Interpretation = interpretation,
            Meeting = meeting,
            Body = body is null ? null : new BodyId(body),
            Note = note,
            ScheduledFrom = source ?? DutySource.Calendar,
        };
        _dutyOrder.Add(new DutyDraft(duty, fields, metBy ?? []));
    }

    private SourceRow? ReadSourceRow(YamlFields owner)
    {
        const string hint = "where the entry stands in the framework: { section: \"3.0\", role: \"Team Managers\", line: 1 }";
        var node = owner.RequiredMapping("sourceRow", hint);
        if (node is null)
        {
            return null;
        }

        var fields = new YamlFields(node, $"{owner.Path}.sourceRow", problems, "section", "role", "line");
        var section = fields.RequiredText("section");
        var role = fields.RequiredText("role", "the role as the framework's table writes it");
        var line = fields.RequiredInt("line", 1, 999);
        return section is null || role is null || line is null ? null : new SourceRow(section, role, line.Value);
    }

    private void ReadGeneralDuties(YamlFields root)
    {
        foreach (var (fields, _) in Entries(root.OptionalSequence("generalDuties"), "generalDuties", "id", "appliesTo", "text", "sourceRow"))
        {
            var id = fields.RequiredId("id");
            var appliesTo = fields.RequiredText("appliesTo", "who the duty applies to, e.g. All managers");
            var text = fields.RequiredText("text", "the duty as the framework writes it");
            var sourceRow = ReadSourceRow(fields);
            if (id is not null && Unique("general duty", "general:" + id, id, fields) && appliesTo is not null && text is not null && sourceRow is not null)
            {
                var duty = new GeneralDuty(id, appliesTo, text, sourceRow);
                _generalDuties[id] = duty;
                _generalOrder.Add(duty);
            }
        }
    }

    private void CheckReferences()
    {
        foreach (var draft in _dutyOrder)
        {
            var duty = draft.Duty;
            var fields = draft.Fields;

            foreach (var (target, node) in draft.MetBy)
            {
                if (target == duty.Id.Value)
                {
                    fields.Error(node, "metBy", "a duty cannot be met by itself");
                }
                else if (!_knownDuties.TryGetValue(target, out var targetPerReport))
                {
                    fields.Error(node, "metBy", $"metBy names '{target}', which is not a duty in the catalogue");
                }
                else if (!targetPerReport)
                {
                    fields.Error(node, "metBy",
                        $"metBy names '{target}', which is not owed once per person managed: a duty can only be met by a perReport duty's records");
                }
            }

            if (duty.Body is { } bodyId)
            {
                if (!_knownBodies.TryGetValue(bodyId.Value, out var linked))
                {
                    fields.Error("body", $"unknown body '{bodyId}'; a duty's body must be one of the bodies listed under bodies");
                }
                else if (duty.Meeting is null)
                {
                    fields.Error("body", "a duty linked to a body must say whether the role chairs or attends it: add meeting: chair or meeting: attend");
                }
                else if (duty.Meeting == MeetingPart.Chair && linked.ChairIsKnown && linked.Chair != duty.RoleId)
                {
                    var stated = linked.Chair is { } chair ? $"says '{chair}' chairs it" : "does not state its chair";
                    fields.Error("body",
                        $"this duty has role '{duty.RoleId}' chair '{bodyId}', but the body {stated}: set chair: {duty.RoleId} on the body, or correct the duty");
                }
            }
        }
    }

    private FrameworkCatalogue Build()
    {
        var roles = _roleOrder
            .Select(r => new Role(new RoleId(r.Id), r.Name, [.. _dutyOrder.Where(d => d.Duty.RoleId.Value == r.Id).Select(d => d.Duty)]) { EveryManager = r.EveryManager })
            .ToList();

        return new FrameworkCatalogue(roles, _generalOrder, _bodyOrder)
        {
            Levels = _levelOrder,
            Groups = _groupOrder,
            StatutoryRules = [.. _rules.Values],
            Settings = _settings,
            Version = _version,
            EffectiveFrom = _effectiveFrom,
        };
    }

    private (Rhythm? Rhythm, string? Interpretation) ReadRhythm(YamlFields fields, string phraseField, string phrase, FrequencyOverrides overrides)
    {
        var result = FrequencyParser.Parse(phrase, _settings, overrides);
        foreach (var problem in result.Problems)
        {
            var field = problem.Field switch
            {
                FrequencyField.BiMonthly => "biMonthly",
                FrequencyField.PerYear => "perYear",
                FrequencyField.StatutoryRules => "statutoryRules",
                _ => phraseField,
            };

            fields.Error(field, problem.Message);
        }

        return (result.Rhythm, result.Interpretation);
    }

    private bool Unique(string what, string key, string id, YamlFields fields)
    {
        var line = fields.At("id").Start.LineNumber();
        if (_firstLine.TryAdd(key, line))
        {
            return true;
        }

        fields.Error("id", $"duplicate {what} id '{id}': already used at line {_firstLine[key]}");
        return false;
    }

    private IEnumerable<(YamlFields Fields, int Index)> Entries(YamlSequenceNode? sequence, string path, params string[] knownFields)
    {
        if (sequence is null)
        {
            yield break;
        }

        var known = knownFields.Length > 0 ? knownFields : DefaultFields(path);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            if (item is not YamlMappingNode mapping)
            {
                problems.Add(item, $"{path}[{i}]", string.Empty, "each entry must be a mapping of fields (id: ..., name: ...)");
                continue;
            }

            yield return (new YamlFields(mapping, $"{path}[{i}]", problems, known), i);
        }
    }

    private static string[] DefaultFields(string path) => path switch
    {
        "statutoryRules" => ["id", "description"],
        "roles" => ["id", "name", "everyManager"],
        "bodyLevels" => ["id", "name"],
        "bodyGroups" => ["id", "name", "level"],
        _ => throw new ArgumentOutOfRangeException(nameof(path), path, "No field list for this section."),
    };

    private sealed record RoleDraft(string Id, string Name, bool EveryManager);

    private sealed record KnownBody(RoleId? Chair, bool ChairIsKnown);

    private sealed record DutyDraft(Duty Duty, YamlFields Fields, IReadOnlyList<(string Id, YamlNode Node)> MetBy);
}
