using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using QaBot.Core.Scheduling.Statutory;

namespace QaBot.Core.Cases;

/// <summary>
/// The council's case reference format (the setting <c>Cases:ReferencePattern</c>): a reference must be a
/// <see cref="CaseReference"/> and match the whole pattern, so that a reference with letters of a name in it
/// (<c>Smith1</c>) is refused wherever QaBot takes one.
/// </summary>
public sealed class CaseReferencePattern
{
    /// <summary>The demo council's case system: a number of five to ten digits.</summary>
    public const string Default = "^[0-9]{5,10}$";

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private readonly Regex _pattern;

    public CaseReferencePattern(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        _pattern = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        Text = pattern;
    }

    public string Text { get; }

    public bool TryParse(string? text, [NotNullWhen(true)] out CaseReference? reference, [NotNullWhen(false)] out string? problem)
    {
        if (!CaseReference.TryParse(text, out reference, out problem))
        {
            return false;
        }

        bool matches;
        try
        {
            matches = _pattern.IsMatch(reference.Value.Value);
        }
        catch (RegexMatchTimeoutException)
        {
            matches = false;
        }

        if (!matches)
        {
            reference = null;
            problem = "That is not a case reference in the council's format: give the case system's reference only, never a child's name.";
            return false;
        }

        return true;
    }
}
