using System.Diagnostics.CodeAnalysis;

namespace QaBot.Core.Scheduling.Statutory;

/// <summary>
/// A case's reference in the council's case management system, such as <c>CR-102938</c> or <c>LA/2025/00123</c>.
/// Never a child's name: a reference must contain a digit and only letters, digits, '-', '/', '_' and '.'.
/// </summary>
public readonly record struct CaseReference
{
    public const int MaxLength = 50;

    private CaseReference(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out CaseReference? reference, [NotNullWhen(false)] out string? problem)
    {
        reference = null;
        var value = text?.Trim() ?? string.Empty;
        if (value.Length is 0 or > MaxLength)
        {
            problem = $"A case reference has 1 to {MaxLength} characters.";
            return false;
        }

        if (!value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/' or '_' or '.') || !value.Any(char.IsAsciiDigit))
        {
            problem = "A case reference is the case system's reference (letters, digits, '-', '/', '_' or '.', with at least one digit), never a child's name.";
            return false;
        }

        problem = null;
        reference = new CaseReference(value);
        return true;
    }

    public static CaseReference Parse(string text) =>
        TryParse(text, out var reference, out var problem) ? reference.Value : throw new FormatException(problem);

    public override string ToString() => Value;
}
