namespace QaBot.Core.Organisation.Import;

/// <summary>A person to create, change, reactivate or deactivate.</summary>
/// <param name="Version">The stored version this change replaces (null to create).</param>
/// <param name="What">The fields that change, for the report and the audit log (no personal data).</param>
/// <param name="ItemsGoTo">For a deactivation: who takes their outstanding items (null when nobody is above them).</param>
public sealed record PersonChange(
    ChangeKind Kind,
    Person? Before,
    string? Version,
    Person After,
    IReadOnlyList<string> What,
    Person? ItemsGoTo)
{
    public bool HomeAreaChanged => Before is not null && Before.Areas.Count > 0 && Before.HomeArea != After.HomeArea;
}
