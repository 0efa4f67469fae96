using QaBot.Core.Organisation;

namespace QaBot.Core.Assurance;

/// <summary>
/// Which practice learning days a person may see, decided on the server: the QA team and leaders see the whole
/// programme (as for audits, <see cref="AuditAccess.SeesProgramme"/>); anyone else the days they lead or take part in.
/// Case references of a day's activities are shown only to the QA team, in the CLI.
/// </summary>
public static class LearningDayAccess
{
    public static bool Sees(Person viewer, LearningDay day, OrganisationPolicy policy, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(day);
        return viewer.Active && (AuditAccess.SeesProgramme(viewer, policy, on) || day.Lead == viewer.Id || day.Participants.Contains(viewer.Id));
    }
}
