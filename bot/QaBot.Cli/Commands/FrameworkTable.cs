using System.Globalization;
using System.Text;
using QaBot.Core.Framework;

namespace QaBot.Cli.Commands;

/// <summary>The catalogue as plain-text tables for a terminal (<c>qabot framework show</c>).</summary>
internal static class FrameworkTable
{
    private const string NotStated = "not stated";
    private const int MaxFrequencyWidth = 48;
    private const int MaxTaskWidth = 110;
    private static readonly string[] DutyHeadings = ["ID", "FREQUENCY (AS WRITTEN)", "RHYTHM"];
    private static readonly string[] BodyHeadings = ["ID", "NAME", "CHAIR", "RHYTHM"];

    public static void Write(FrameworkCatalogue catalogue, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(output);

        output.WriteLine(
            $"Quality & Performance Framework: {catalogue.Roles.Count} roles, {catalogue.TaskLineCount} task lines, " +
            $"{catalogue.Duties.Count()} duties, {catalogue.Bodies.Count} governance bodies");

        foreach (var role in catalogue.Roles)
        {
            output.WriteLine();
            output.WriteLine($"{role.Name} ({role.Id}): {Count(role.Duties.Count, "duty", "duties")}");
            var rows = new List<string[]> { DutyHeadings };
            var tasks = new List<string?> { null };
            foreach (var duty in role.Duties)
            {
                rows.Add([duty.Id.Value, Shorten(duty.FrequencyPart ?? duty.Frequency, MaxFrequencyWidth), RhythmText(duty)]);
                tasks.Add(Shorten(OneLine(duty.Task), MaxTaskWidth));
            }

            WriteRows(output, rows, tasks);
        }

        output.WriteLine();
        output.WriteLine("General duties");
        foreach (var general in catalogue.GeneralDuties)
        {
            output.WriteLine($"  {general.Id} ({general.AppliesTo}): {general.Text}");
        }

        output.WriteLine();
        output.WriteLine($"Appendix A: {Count(catalogue.Bodies.Count, "governance body", "governance bodies")}");
        foreach (var group in catalogue.Groups)
        {
            var bodies = catalogue.Bodies.Where(b => b.Group == group.Id).ToList();
            if (bodies.Count == 0)
            {
                continue;
            }

            var level = catalogue.Levels.FirstOrDefault(l => l.Id == group.Level)?.Name ?? group.Level;
            output.WriteLine();
            output.WriteLine(level == group.Name ? group.Name : $"{level} / {group.Name}");
            var rows = new List<string[]> { BodyHeadings };
            rows.AddRange(bodies.Select(b => new[]
            {
                b.Id.Value,
                b.Name,
                b.Chair?.Value ?? NotStated,
                b.Rhythm is null ? NotStated : RhythmDescription.Describe(b.Rhythm),
            }));
            WriteRows(output, rows, null);
        }

        if (catalogue.Settings is { } settings)
        {
            output.WriteLine();
            output.WriteLine("Readings of ambiguous words (settings in the catalogue file; see docs/framework.md)");
            output.WriteLine($"  bi-monthly: {RhythmDescription.Name(settings.BiMonthly)}");
            foreach (var (setting, perYear) in settings.ProgrammesPerYear)
            {
                output.WriteLine($"  programmes.{setting}: {perYear.ToString(CultureInfo.InvariantCulture)} a year");
            }
        }
    }

    private static string RhythmText(Duty duty)
    {
        var text = RhythmDescription.Describe(duty.Rhythm);
        if (duty.PerReport)
        {
            text += ", per person managed";
        }

        if (duty.MetBy.Count > 0)
        {
            text += $", met by {string.Join(" and ", duty.MetBy)}";
        }

        return text;
    }

    private static void WriteRows(TextWriter output, List<string[]> rows, List<string?>? details)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        for (var i = 0; i < rows.Count; i++)
        {
            var line = new StringBuilder("  ");
            for (var c = 0; c < widths.Length; c++)
            {
                line.Append(c == widths.Length - 1 ? rows[i][c] : rows[i][c].PadRight(widths[c] + 2));
            }

            output.WriteLine(line.ToString().TrimEnd());
            if (details?[i] is { } detail)
            {
                output.WriteLine($"      {detail}");
            }
        }
    }

    // A task written as a heading and a bulleted list reads on one line as "heading: first; second; third".
    private static string OneLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.TrimStart('·', ' '))
            .ToArray();
        return lines.Length == 1 ? lines[0] : $"{lines[0]} {string.Join("; ", lines[1..])}";
    }

    private static string Shorten(string text, int width) => text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), "…");

    private static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
}
