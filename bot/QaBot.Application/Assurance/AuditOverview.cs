using QaBot.Core.Assurance;
using QaBot.Core.Organisation;

namespace QaBot.Application.Assurance;

/// <summary>
/// The audits in progress as one person may see them (<see cref="AuditAccess"/>): the whole programme as counts for
/// the QA team and leaders, and for anyone their own allocated cases. Read by "audits in progress" and the dashboard.
/// </summary>
public sealed class AuditOverview
{
    private readonly AuditProgramme _audits;
    private readonly OrganisationPolicy _policy;

    public AuditOverview(AuditProgramme audits, OrganisationPolicy policy)
    {
        _audits = audits ?? throw new ArgumentNullException(nameof(audits));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
    }

    public async Task<AuditProgress> InProgressForAsync(Person viewer, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var views = await _audits.InProgressAsync(cancellationToken).ConfigureAwait(false);
        var programme = AuditAccess.SeesProgramme(viewer, _policy, today);
        var lines = views
            .Select(v => (View: v, Own: AuditAccess.OwnCases(viewer, v.Audit)))
            .Select(v => new AuditProgressLine(v.View, [.. v.View.Cases.Where(c => v.Own.Contains(c.Case))], today))
            .Where(l => programme || l.Own.Count > 0)
            .ToList();
        return new AuditProgress(programme, lines);
    }
}

/// <param name="Programme">True when the viewer sees every audit's counts; false when only their own cases.</param>
public sealed record AuditProgress(bool Programme, IReadOnlyList<AuditProgressLine> Audits);

/// <summary>One audit in progress for a viewer: its counts over the cases they may count, and their own cases.</summary>
public sealed record AuditProgressLine(AuditView View, IReadOnlyList<AuditCaseView> Own, DateOnly Today)
{
    /// <summary>Their own cases still to record, by case reference.</summary>
    public IReadOnlyList<string> OwnToRecord => [.. Own.Where(c => c.Record is null).Select(c => c.Case.Case.Value)];

    public IReadOnlyList<AuditCaseView> Counted(bool programme) => programme ? View.Cases : Own;

    public bool IsOverdue(bool programme) => View.Audit.Due < Today && Counted(programme).Any(c => c.Record is null);
}
