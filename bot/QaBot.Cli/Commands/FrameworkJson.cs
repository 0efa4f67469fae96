using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using QaBot.Core.Framework;

namespace QaBot.Cli.Commands;

/// <summary>
/// The catalogue as JSON for <c>qabot framework show --format json</c>: <c>roles</c> (with their <c>duties</c>),
/// <c>generalDuties</c> and <c>bodies</c>, camelCase, with null where the framework does not state something.
/// </summary>
internal static class FrameworkJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        // The output is read in terminals and files, never embedded in HTML: keep the council's curly quotes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(FrameworkCatalogue catalogue) => ToJson(catalogue).ToJsonString(Options);

    public static JsonObject ToJson(FrameworkCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        return new JsonObject
        {
            ["roles"] = Array(catalogue.Roles, role => new JsonObject
            {
                ["id"] = role.Id.Value,
                ["name"] = role.Name,
                ["everyManager"] = role.EveryManager,
                ["duties"] = Array(role.Duties, Duty),
            }),
            ["generalDuties"] = Array(catalogue.GeneralDuties, general => new JsonObject
            {
                ["id"] = general.Id,
                ["appliesTo"] = general.AppliesTo,
                ["text"] = general.Text,
                ["sourceRow"] = SourceRow(general.SourceRow),
            }),
            ["bodies"] = Array(catalogue.Bodies, body => new JsonObject
            {
                ["id"] = body.Id.Value,
                ["name"] = body.Name,
                ["level"] = body.Level,
                ["group"] = body.Group,
                ["chair"] = body.Chair?.Value,
                ["rhythm"] = body.Rhythm is null ? null : Rhythm(body.Rhythm),
                ["frequency"] = body.Frequency,
                ["interpretation"] = body.Interpretation,
                ["note"] = body.Note,
                ["sourceRow"] = SourceRow(body.SourceRow),
            }),
            ["statutoryRules"] = Array(catalogue.StatutoryRules, rule => new JsonObject
            {
                ["id"] = rule.Id,
                ["description"] = rule.Description,
            }),
            ["settings"] = catalogue.Settings is not { } settings ? null : new JsonObject
            {
                ["biMonthly"] = RhythmDescription.Name(settings.BiMonthly),
                ["programmes"] = new JsonObject(settings.ProgrammesPerYear.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            },
        };
    }

    private static JsonObject Duty(Duty duty) => new()
    {
        ["id"] = duty.Id.Value,
        ["task"] = duty.Task,
        ["frequency"] = duty.Frequency,
        ["frequencyPart"] = duty.FrequencyPart,
        ["rhythm"] = Rhythm(duty.Rhythm),
        ["interpretation"] = duty.Interpretation,
        ["perReport"] = duty.PerReport,
        ["metBy"] = Array(duty.MetBy, id => JsonValue.Create(id.Value)),
        ["scheduledFrom"] = QaBot.Core.Framework.Duty.SourceWord(duty.ScheduledFrom),
        ["meeting"] = duty.Meeting is { } meeting ? RhythmDescription.Name(meeting) : null,
        ["body"] = duty.Body?.Value,
        ["purpose"] = duty.Purpose,
        ["note"] = duty.Note,
        ["sourceRow"] = SourceRow(duty.SourceRow),
    };

    private static JsonObject Rhythm(Rhythm rhythm)
    {
        var json = new JsonObject
        {
            ["kind"] = RhythmDescription.Name(rhythm.Kind),
            ["perYear"] = rhythm.PerYear,
        };

        switch (rhythm)
        {
            case FixedRhythm f:
                json["cadence"] = RhythmDescription.Name(f.Cadence);
                break;
            case SchoolRhythm s:
                json["cadence"] = RhythmDescription.Name(s.Cadence);
                break;
            case ProgrammeRhythm p:
                json["setting"] = p.Setting;
                break;
            case StatutoryRhythm s:
                json["rules"] = Array(s.RuleIds, id => JsonValue.Create(id));
                break;
            case NoCadence n:
                json["reason"] = RhythmDescription.Name(n.Reason);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(rhythm), rhythm, "A rhythm this version does not write.");
        }

        json["description"] = RhythmDescription.Describe(rhythm);
        return json;
    }

    private static JsonObject SourceRow(SourceRow row) => new()
    {
        ["section"] = row.Section,
        ["role"] = row.Role,
        ["line"] = row.Line,
    };

    private static JsonArray Array<T>(IEnumerable<T> items, Func<T, JsonNode?> map) => new([.. items.Select(map)]);
}
