using System.Text.RegularExpressions;
using QaBot.Core.Compliance;

namespace QaBot.Application.Compliance;

/// <summary>
/// The reasons a person can give for setting an item aside as not applicable: the council's list
/// (<c>Reports:NotApplicableReasons</c>, code to wording) and <c>other</c>, which needs a note saying why. The
/// compliance figures count not-applicable items by these codes.
/// </summary>
public sealed partial class NotApplicableReasons
{
    /// <summary>The list a council starts with: the usual reasons a supervision, audit or visit does not happen.</summary>
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["leave"] = "On leave or absent",
        ["vacant"] = "Post or caseload vacant",
        ["case-closed"] = "Case closed or child left",
        ["covered-elsewhere"] = "Covered by another meeting",
    };

    /// <summary>The wording of the catch-all reason.</summary>
    public const string OtherLabel = "Other (say why)";

    private readonly List<(string Code, string Label)> _all;

    public NotApplicableReasons(ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.NotApplicableReasons is { Count: > 0 } list ? list : Defaults;
        _all = [.. configured.Select(r => (r.Key, r.Value)).OrderBy(r => r.Key, StringComparer.Ordinal), (ComplianceEntry.OtherReason, OtherLabel)];
    }

    /// <summary>Every reason in the order the card offers them, <c>other</c> last.</summary>
    public IReadOnlyList<(string Code, string Label)> All => _all;

    public bool IsKnown(string code) => _all.Exists(r => r.Code == code);

    /// <summary>The wording for a code; the code itself for one no longer on the list.</summary>
    public string LabelOf(string code) => _all.Find(r => r.Code == code).Label ?? code;

    /// <summary>What is wrong with a configured list, naming the setting, or nothing.</summary>
    public static IEnumerable<string> Problems(IReadOnlyDictionary<string, string>? reasons)
    {
        foreach (var (code, label) in reasons ?? new Dictionary<string, string>())
        {
            if (!CodePattern().IsMatch(code) || code == ComplianceEntry.OtherReason)
            {
                yield return $"Reports:NotApplicableReasons:{code}: a reason code is 1 to 40 lower-case letters, digits and hyphens, and not 'other' (always offered).";
            }

            if (string.IsNullOrWhiteSpace(label) || label.Length > 80)
            {
                yield return $"Reports:NotApplicableReasons:{code}: give the wording people see, up to 80 characters.";
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
