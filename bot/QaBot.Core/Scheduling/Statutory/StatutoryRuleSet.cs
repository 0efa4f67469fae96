using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using YamlDotNet.RepresentationModel;

namespace QaBot.Core.Scheduling.Statutory;

/// <summary>The statutory event-anchored rules (statutory-rules.yaml; format in docs/calendar.md).</summary>
public sealed class StatutoryRuleSet
{
    public StatutoryRuleSet(IReadOnlyList<StatutoryRule> rules)
    {
        Rules = rules ?? throw new ArgumentNullException(nameof(rules));
    }

    public IReadOnlyList<StatutoryRule> Rules { get; }

    public StatutoryRule? Find(string id) => Rules.FirstOrDefault(r => r.Id == id);

    public static StatutoryRuleSet Parse(string text, string file)
    {
        var yaml = new YamlData(file);
        var root = yaml.Root(text);
        yaml.OnlyKeys(root, string.Empty, "rules");
        var list = yaml.Sequence(yaml.Required(root, "rules", string.Empty), "rules");
        var rules = new List<StatutoryRule>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = YamlData.Index("rules", i);
            var entry = yaml.Mapping(list.Children[i], path);
            yaml.OnlyKeys(entry, path, "id", "name", "item", "event", "legislation", "steps");
            var id = yaml.RequiredString(entry, "id", path);
            if (!Slug.IsValid(id))
            {
                throw yaml.Error(entry, YamlData.Join(path, "id"), $"'{id}' is not an id (lowercase letters, digits and hyphens)");
            }

            if (rules.Any(r => r.Id == id))
            {
                throw yaml.Error(entry, YamlData.Join(path, "id"), $"'{id}' is listed twice");
            }

            var stepsPath = YamlData.Join(path, "steps");
            var stepList = yaml.Sequence(yaml.Required(entry, "steps", path), stepsPath);
            if (stepList.Children.Count == 0)
            {
                throw yaml.Error(stepList, stepsPath, "a rule needs at least one step");
            }

            var steps = new List<StatutoryStep>();
            for (var s = 0; s < stepList.Children.Count; s++)
            {
                var stepPath = YamlData.Index(stepsPath, s);
                var step = yaml.Mapping(stepList.Children[s], stepPath);
                yaml.OnlyKeys(step, stepPath, "within", "after", "repeat", "repeatUntil", "extendableTo");
                var after = yaml.RequiredString(step, "after", stepPath) switch
                {
                    "event" => StepAnchor.Event,
                    "previous" when s > 0 => StepAnchor.Previous,
                    "previous" => throw yaml.Error(step, YamlData.Join(stepPath, "after"), "the first step counts from the event"),
                    var other => throw yaml.Error(step, YamlData.Join(stepPath, "after"), $"expected event or previous, found '{other}'"),
                };
                var repeatUntil = Interval(yaml, step, "repeatUntil", stepPath, required: false);
                var repeats = yaml.OptionalBool(step, "repeat", stepPath) || repeatUntil is not null;
                steps.Add(new StatutoryStep(
                    Interval(yaml, step, "within", stepPath, required: true)!,
                    after,
                    repeats,
                    repeatUntil,
                    Interval(yaml, step, "extendableTo", stepPath, required: false)));
            }

            for (var s = 0; s < steps.Count - 1; s++)
            {
                if (steps[s].Repeats && steps[s].RepeatUntil is null)
                {
                    throw yaml.Error(stepList.Children[s], YamlData.Index(stepsPath, s), "a step that repeats for ever must be the last (give repeatUntil to move on)");
                }
            }

            rules.Add(new StatutoryRule(
                id,
                yaml.RequiredString(entry, "name", path),
                yaml.RequiredString(entry, "item", path),
                yaml.RequiredString(entry, "event", path),
                yaml.RequiredString(entry, "legislation", path),
                steps));
        }

        return new StatutoryRuleSet(rules);
    }

    private static StatutoryInterval? Interval(YamlData yaml, YamlMappingNode map, string key, string path, bool required)
    {
        var node = required ? yaml.Required(map, key, path) : YamlData.Find(map, key);
        if (node is null)
        {
            return null;
        }

        var text = yaml.Scalar(node, YamlData.Join(path, key));
        return StatutoryInterval.TryParse(text, out var interval)
            ? interval
            : throw yaml.Error(node, YamlData.Join(path, key), $"expected a timescale such as '20 working days', '6 weeks' or '3 months', found '{text}'");
    }
}
