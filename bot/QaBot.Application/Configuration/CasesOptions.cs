using System.ComponentModel.DataAnnotations;
using QaBot.Core.Cases;

namespace QaBot.Application.Configuration;

/// <summary>
/// How QaBot recognises a case reference (<c>Cases</c> settings): a regular expression the whole reference must
/// match, in the council's case system format, so that a reference with a name in it is refused at every entry point.
/// </summary>
public sealed class CasesOptions
{
    public const string Section = "Cases";

    /// <summary>The council's case reference format (a .NET regular expression; the default is the demo council's).</summary>
    [Required]
    public string ReferencePattern { get; set; } = CaseReferencePattern.Default;
}
