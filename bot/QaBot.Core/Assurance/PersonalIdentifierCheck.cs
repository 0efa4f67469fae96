using System.Text.RegularExpressions;
using QaBot.Core.Cases;

namespace QaBot.Core.Assurance;

/// <summary>A kind of personal identifier that free text in a quality assurance record must not carry.</summary>
public enum IdentifierKind
{
    NhsNumber,
    DateOfBirth,
    Postcode,
    PhoneNumber,
    EmailAddress,

    /// <summary>The text could not be checked in time (a pathological input): refused rather than kept unchecked.</summary>
    Unchecked,
}

/// <summary>One identifier found in free text: what it looks like, why it is refused and what to write instead.</summary>
/// <param name="Index">Where it starts in the text (so a form can say which part to change).</param>
public sealed record IdentifierFinding(IdentifierKind Kind, int Index, int Length, string Why, string Instead)
{
    /// <summary>The refusal in the council's words: why, then what to write instead.</summary>
    public string Message => Why + " " + Instead;
}

/// <summary>
/// The information governance check at the point of entry: free text in a review, audit or learning record is refused
/// when it carries an obvious personal identifier. It is deliberately narrow ("obvious"), so that ordinary practice
/// wording is never refused: an NHS number is ten digits (optionally spaced 3-3-4) that pass the modulus 11 check and
/// are not, as written, a case reference in the council's format; a date of birth is a date introduced by "DOB",
/// "d.o.b.", "date of birth" or "born"; a postcode is a full UK postcode in capitals; a phone number is a UK number
/// (0 or +44 and ten or eleven digits) that is not a case reference; an email address is anything@domain.tld.
/// </summary>
public sealed partial class PersonalIdentifierCheck
{
    private readonly CaseReferencePattern _cases;

    public PersonalIdentifierCheck(CaseReferencePattern cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        _cases = cases;
    }

    /// <summary>Every identifier in the text, in the order they appear; empty when the text may be kept.</summary>
    public IReadOnlyList<IdentifierFinding> Check(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        try
        {
            return Scan(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return [new IdentifierFinding(IdentifierKind.Unchecked, 0, text.Length, "This text could not be checked for personal details.", "Shorten it or write it more plainly, then send it again.")];
        }
    }

    private List<IdentifierFinding> Scan(string text)
    {

        var findings = new List<IdentifierFinding>();
        foreach (Match m in EmailPattern().Matches(text))
        {
            findings.Add(Email(m));
        }

        foreach (Match m in DateOfBirthPattern().Matches(text))
        {
            findings.Add(new IdentifierFinding(
                IdentifierKind.DateOfBirth, m.Index, m.Length,
                "This looks like a date of birth.",
                "Leave it out: give the child's age or age group if it matters (for example \"aged 7\"); the case reference finds the record."));
        }

        foreach (Match m in NhsNumberPattern().Matches(text))
        {
            if (Overlaps(findings, m) || IsCaseReference(m.Value) || !PassesModulus11(m.Value))
            {
                continue;
            }

            findings.Add(new IdentifierFinding(
                IdentifierKind.NhsNumber, m.Index, m.Length,
                "This looks like an NHS number.",
                "Leave it out: the case reference is enough to find the child's record."));
        }

        foreach (Match m in PhonePattern().Matches(text))
        {
            var value = m.Value.TrimEnd(' ', '-');
            if (Overlaps(findings, m) || IsCaseReference(value))
            {
                continue;
            }

            findings.Add(new IdentifierFinding(
                IdentifierKind.PhoneNumber, m.Index, value.Length,
                "This looks like a phone number.",
                "Leave it out: contact details belong in the case system, not in a quality assurance record."));
        }

        foreach (Match m in PostcodePattern().Matches(text))
        {
            if (Overlaps(findings, m))
            {
                continue;
            }

            findings.Add(new IdentifierFinding(
                IdentifierKind.Postcode, m.Index, m.Length,
                "This looks like a postcode.",
                "Leave out where the family lives: name the locality or team if it matters (for example \"Chesterfield\")."));
        }

        return [.. findings.OrderBy(f => f.Index)];
    }

    /// <summary>The first identifier in the text, or null when the text may be kept.</summary>
    public IdentifierFinding? FindFirst(string? text) => Check(text) is [var first, ..] ? first : null;

    /// <summary>
    /// The NHS number check digit: the first nine digits weighted 10 down to 2, summed; 11 minus the remainder mod 11
    /// is the tenth digit (11 counts as 0; 10 means the number is not valid).
    /// </summary>
    public static bool PassesModulus11(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = text.Where(char.IsAsciiDigit).Select(c => c - '0').ToArray();
        if (digits.Length != 10)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += digits[i] * (10 - i);
        }

        var check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }

        return check != 10 && check == digits[9];
    }

    private bool IsCaseReference(string text) => _cases.TryParse(text, out _, out _);

    private static bool Overlaps(List<IdentifierFinding> findings, Match m) =>
        findings.Any(f => m.Index < f.Index + f.Length && f.Index < m.Index + m.Length);

    private static IdentifierFinding Email(Match m) => new(
        IdentifierKind.EmailAddress, m.Index, m.Length,
        "This looks like an email address.",
        "Leave it out: refer to people by their role (for example \"the school's designated safeguarding lead\").");

    [GeneratedRegex(@"(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(
        @"(?:\bDOB\b|\bd\.o\.b\.?|\bdate\s+of\s+birth\b|\bborn\b)\s*(?:[:\-–]\s*|\s(?:on|in)\s+)?" +
        @"(?:\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}|" +
        @"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{2,4})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DateOfBirthPattern();

    [GeneratedRegex(@"(?<![\w-])\d{3}([ -]?)\d{3}\1\d{4}(?![\w-])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex NhsNumberPattern();

    [GeneratedRegex(@"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)(?:\d\)?[ \-]?){9,10}(?!\d)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"\b(?:GIR ?0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2})\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PostcodePattern();
}
